package dev.railyard.host.plugins.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "g:a:1.0                      | g | a | 1.0 | -       | jar    | false",
        "g:a:1.0@jar                  | g | a | 1.0 | -       | jar    | false",
        "g:a:1.0:plugin               | g | a | 1.0 | plugin  | jar    | false",
        "g:a:1.0:package@tar.gz       | g | a | 1.0 | package | tar.gz | true",
        "g:a:1.0:package@tgz          | g | a | 1.0 | package | tgz    | true",
        "g:a:1.0@zip                  | g | a | 1.0 | -       | zip    | true",
      })
  void shouldParseAClassifierAndAType(
      String text,
      String group,
      String artifact,
      String version,
      String classifier,
      String extension,
      boolean archive) {
    MavenCoordinates parsed = MavenCoordinates.parse(text);

    assertThat(parsed)
        .isEqualTo(new MavenCoordinates(group, artifact, version, classifier, extension));
    assertThat(parsed.isArchive()).isEqualTo(archive);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "g:a:1.0@war               | the type 'war' is none of jar, zip, tar.gz or tgz",
        "g:a:1.0:package@          | the type '' is none of jar, zip, tar.gz or tgz",
        "g:a:1.0:p:q               | 5 part(s) separated by ':', not 3 or 4",
        "g:a:1.0:pack age@zip      | the classifier 'pack age' is not letters, digits",
        "g:a:1.0:@tar.gz           | the classifier '' is not letters, digits",
        "g:a:[1.0@tar.gz           | the version '[1.0' is not one exact version",
        "g:a:RELEASE:package@zip   | 'RELEASE' is not one exact version",
      })
  void shouldNameThePartThatIsWrong(String text, String why) {
    assertThatThrownBy(() -> MavenCoordinates.parse(text))
        .isInstanceOf(MavenException.class)
        .hasMessageContaining(why)
        .hasMessageContaining("use group:artifact:version[:classifier][@type]")
        .hasMessageContaining(":package@tar.gz");
  }

  @Test
  void shouldPrintCoordinatesInTheirShortestForm() {
    assertThat(MavenCoordinates.parse("g:a:1.0@jar")).hasToString("g:a:1.0");
    assertThat(MavenCoordinates.parse("g:a:1.0:package@tar.gz"))
        .hasToString("g:a:1.0:package@tar.gz");
  }

  @Test
  void shouldParseCoordinatesAndStripBlanks() {
    assertThat(MavenCoordinates.parse(" io.debezium:debezium-connector-postgres:3.1.0.Final "))
        .isEqualTo(
            new MavenCoordinates("io.debezium", "debezium-connector-postgres", "3.1.0.Final"));
    assertThat(MavenCoordinates.parse("g:a:1.0-SNAPSHOT").version()).isEqualTo("1.0-SNAPSHOT");
  }
}
