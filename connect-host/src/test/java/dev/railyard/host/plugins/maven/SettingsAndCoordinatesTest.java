package dev.railyard.host.plugins.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsAndCoordinatesTest {

  @TempDir Path dir;

  @Test
  void shouldReadMirrorsWithDefaultsAndIgnoreTheRestOfTheSettings() throws Exception {
    Path settings =
        Files.writeString(
            dir.resolve("settings.xml"),
            """
        <?xml version="1.0"?>
        <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
          <localRepository>/elsewhere</localRepository>
          <mirrors>
            <mirror>
              <id>nexus</id>
              <url> https://nexus.example.com/maven2 </url>
              <mirrorOf>*</mirrorOf>
            </mirror>
            <mirror>
              <id>off</id><url>https://x.example.com</url><mirrorOf>old</mirrorOf>
              <blocked>true</blocked>
            </mirror>
          </mirrors>
        </settings>
        """);

    assertThat(SettingsMirrors.read(settings))
        .containsExactly(
            new SettingsMirrors.Mirror(
                "nexus",
                "https://nexus.example.com/maven2",
                "*",
                "default",
                "default,legacy",
                false),
            new SettingsMirrors.Mirror(
                "off", "https://x.example.com", "old", "default", "default,legacy", true));
  }

  @Test
  void shouldTakeAMissingSettingsFileForNoMirrors() throws Exception {
    assertThat(SettingsMirrors.read(dir.resolve("absent.xml"))).isEmpty();
    assertThat(SettingsMirrors.read(null)).isEmpty();
  }

  @Test
  void shouldRefuseBrokenSettingsWithFileAndLine() throws Exception {
    Path broken =
        Files.writeString(dir.resolve("broken.xml"), "<settings>\n<mirrors>\n</settings>");
    Path noUrl =
        Files.writeString(
            dir.resolve("no-url.xml"),
            "<settings><mirrors><mirror>"
                + "<id>m</id><mirrorOf>*</mirrorOf></mirror></mirrors></settings>");
    Path entity =
        Files.writeString(
            dir.resolve("xxe.xml"),
            """
        <!DOCTYPE settings [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <settings><mirrors><mirror><id>&x;</id></mirror></mirrors></settings>
        """);

    assertThatThrownBy(() -> SettingsMirrors.read(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.xml:3:");
    assertThatThrownBy(() -> SettingsMirrors.read(noUrl))
        .hasMessageContaining("mirror 'm' needs both <url> and <mirrorOf>");
    assertThatThrownBy(() -> SettingsMirrors.read(entity))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void shouldNameRepositoriesSoMirrorsCanReferToThem() {
    List<RemoteRepository> remotes =
        MavenResolver.remotes(
            List.of(
                MavenResolver.MAVEN_CENTRAL + "/",
                "confluent=https://packages.confluent.io/maven/",
                "file:///srv/maven"));

    assertThat(remotes)
        .extracting(RemoteRepository::getId)
        .containsExactly("central", "confluent", "repo-3");
    assertThat(remotes.get(1).getUrl()).isEqualTo("https://packages.confluent.io/maven/");
  }

  @Test
  void shouldRefuseARepositoryThatIsNoUrl() {
    assertThatThrownBy(() -> MavenResolver.remotes(List.of("repo.example.com/maven2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'repo.example.com/maven2'", "https, http or file URL");
    assertThatThrownBy(() -> MavenResolver.remotes(List.of("ftp://x/maven2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldParseCoordinatesAndStripBlanks() {
    assertThat(MavenCoordinates.parse(" io.debezium:debezium-connector-postgres:3.1.0.Final "))
        .isEqualTo(
            new MavenCoordinates("io.debezium", "debezium-connector-postgres", "3.1.0.Final"));
    assertThat(MavenCoordinates.parse("g:a:1.0-SNAPSHOT").version()).isEqualTo("1.0-SNAPSHOT");
  }
}
