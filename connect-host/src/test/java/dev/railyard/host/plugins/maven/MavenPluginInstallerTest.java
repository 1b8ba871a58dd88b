package dev.railyard.host.plugins.maven;

import static dev.railyard.host.plugins.Archives.Entry.file;
import static dev.railyard.host.plugins.maven.FileRepository.dependency;
import static dev.railyard.host.plugins.maven.FileRepository.libraryJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railyard.host.plugins.ArchiveType;
import dev.railyard.host.plugins.Archives;
import dev.railyard.host.plugins.InstallResult;
import dev.railyard.host.plugins.PluginClass;
import dev.railyard.host.plugins.PluginStore;
import dev.railyard.host.plugins.TestPlugins;
import dev.railyard.host.plugins.maven.MavenException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MavenPluginInstallerTest {

  static final long LIMIT = 16L << 20;
  static final String DEMO = "com.example:demo-sink:1.0";

  @TempDir Path dataDir;

  FileRepository repository;
  PluginStore store;
  MavenResolver resolver;

  @BeforeEach
  void layOutRepository() throws IOException {
    // only what must be installed is laid out: resolving anything else fails the install
    repository =
        new FileRepository(dataDir.resolve("repo"))
            .artifact(
                "com.example",
                "demo-sink",
                "1.0",
                TestPlugins.sinkJar("1.0", false),
                dependency("com.example:demo-util:2.0", "compile", false),
                dependency("com.example:demo-runtime:1.1", "runtime", false),
                dependency("org.apache.kafka:connect-api:4.3.1", "compile", false),
                dependency("org.slf4j:slf4j-api:2.0.17", "compile", false),
                dependency("com.example:demo-test-only:1.0", "test", false),
                dependency("com.example:demo-provided:1.0", "provided", false),
                dependency("com.example:demo-optional:1.0", "compile", true))
            .artifact(
                "com.example",
                "demo-util",
                "2.0",
                libraryJar("demo-util"),
                dependency("org.apache.kafka:kafka-clients:4.3.1", "compile", false))
            .artifact("com.example", "demo-runtime", "1.1", libraryJar("demo-runtime"));
    store = PluginStore.open(dataDir.resolve("plugins"));
  }

  @AfterEach
  void closeResolver() {
    if (resolver != null) {
      resolver.close();
    }
  }

  MavenPluginInstaller installer(List<String> repositories, Path settings) throws IOException {
    resolver = new MavenResolver(repositories, dataDir.resolve("maven"), settings);
    return new MavenPluginInstaller(store, resolver);
  }

  @Test
  void shouldInstallThePluginWithItsRuntimeDependenciesButNoKafkaJars() throws Exception {
    // given
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    // when
    InstallResult result = installer.install(DEMO, null, LIMIT);

    // then
    assertThat(result.alreadyPresent()).isFalse();
    assertThat(result.plugin().name()).isEqualTo("demo-sink");
    assertThat(result.plugin().version()).isEqualTo("1.0");
    assertThat(result.plugin().classes())
        .containsExactly(new PluginClass(TestPlugins.SINK, PluginClass.Type.SINK, "1.0"));
    assertThat(jars(store.pluginsDir().resolve(result.plugin().folder())))
        .containsExactly("demo-runtime-1.1.jar", "demo-sink-1.0.jar", "demo-util-2.0.jar");
    assertThat(store.list()).containsExactly(result.plugin());
  }

  @Test
  void shouldChangeNothingWhenTheSameCoordinatesAreInstalledAgain() throws Exception {
    // given
    InstallResult first = installer(List.of(repository.url()), null).install(DEMO, "demo", LIMIT);
    resolver.close();
    // a fresh local repository: the packed jars must come out byte for byte the same
    resolver = new MavenResolver(List.of(repository.url()), dataDir.resolve("maven-2"), null);

    // when
    InstallResult second = new MavenPluginInstaller(store, resolver).install(DEMO, "demo", LIMIT);

    // then
    assertThat(second.alreadyPresent()).isTrue();
    assertThat(second.plugin()).isEqualTo(first.plugin());
    assertThat(store.list()).hasSize(1);
  }

  @Test
  void shouldNameTheRepositoriesTriedWhenTheArtifactDoesNotExist() throws Exception {
    MavenPluginInstaller installer = installer(List.of("local=" + repository.url()), null);

    MavenException e =
        catchThrowableOfType(
            MavenException.class, () -> installer.install("com.example:nope:1.0", null, LIMIT));

    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage())
        .contains("com.example:nope:1.0", "local (" + repository.url(), "group:artifact:version");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void shouldNameAMissingDependencyAndWhatNeedsIt() throws Exception {
    repository.artifact(
        "com.example",
        "needy",
        "1.0",
        TestPlugins.sinkJar("1.0", false),
        dependency("com.example:absent:3.0", "compile", false));
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    MavenException e =
        catchThrowableOfType(
            MavenException.class, () -> installer.install("com.example:needy:1.0", null, LIMIT));

    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage())
        .contains("com.example:absent", "a dependency of com.example:needy:1.0", repository.url());
  }

  @Test
  void shouldNameAParentPomThatIsMissingAndWhatNeedsIt() throws Exception {
    // given a connector whose POM's parent no repository has, as Camel Kafka Connector 0.11.5's
    // on a mirror that lacks org.apache.camel.kafkaconnector:connectors
    repository.artifactWithParent(
        "com.example", "orphan", "1.0", TestPlugins.sinkJar("1.0", false), "com.example:parent:7");
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    // when
    MavenException e =
        catchThrowableOfType(
            MavenException.class, () -> installer.install("com.example:orphan:1.0", null, LIMIT));

    // then
    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage())
        .contains(
            "the POM com.example:parent:pom:7",
            "dependencies of com.example:orphan:1.0",
            repository.url(),
            "com.example:orphan:1.0:<classifier>@tar.gz");
    assertThat(store.list()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "com.example:demo-sink",
        "com.example:demo-sink:1.0:package:extra",
        "com.example:demo-sink:1.0:package@war",
        "com.example:demo-sink:1.0:@zip",
        "",
        "com.example:demo-sink:[1.0,2.0)",
        "com.example::1.0",
        "com.example:demo-sink:LATEST"
      })
  void shouldRefuseMalformedCoordinatesBeforeResolving(String coordinates) throws Exception {
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    MavenException e =
        catchThrowableOfType(
            MavenException.class, () -> installer.install(coordinates, null, LIMIT));

    assertThat(e.reason()).isEqualTo(Reason.INVALID_COORDINATES);
    assertThat(e.getMessage())
        .contains("'" + coordinates + "'", "group:artifact:version[:classifier][@type]");
    assertThat(dataDir.resolve("maven")).doesNotExist();
  }

  @Test
  void shouldInstallAPluginArchiveAsPublishedWithoutResolvingItsDependencies() throws Exception {
    // given a connector published as a jar and as a package tar.gz that bundles its
    // dependencies and Kafka's clients, with a POM naming a dependency no repository has
    repository
        .artifact(
            "com.example",
            "demo-connector",
            "1.0",
            TestPlugins.sinkJar("1.0", false),
            dependency("com.example:absent:3.0", "compile", false))
        .file(
            "com.example",
            "demo-connector",
            "1.0",
            "package",
            "tar.gz",
            Archives.tgz(
                file("demo-connector/demo-connector-1.0.jar", TestPlugins.sinkJar("1.0", false)),
                file("demo-connector/demo-util-2.0.jar", libraryJar("demo-util")),
                file(
                    "demo-connector/kafka-clients-2.8.0.jar",
                    Archives.zip(file("org/apache/kafka/clients/Old.class", new byte[] {1})))));
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    // when the package is installed
    InstallResult result =
        installer.install("com.example:demo-connector:1.0:package@tar.gz", null, LIMIT);

    // then it is installed as it was published, less the worker's own jars
    assertThat(result.plugin().name()).isEqualTo("demo-connector");
    assertThat(result.plugin().version()).isEqualTo("1.0");
    assertThat(result.plugin().archiveType()).isEqualTo(ArchiveType.TGZ);
    assertThat(jars(store.pluginsDir().resolve(result.plugin().folder())))
        .containsExactly("demo-connector-1.0.jar", "demo-util-2.0.jar");
  }

  @Test
  void shouldNameTheClassifierAndTypeOfAMissingArchive() throws Exception {
    MavenPluginInstaller installer = installer(List.of(repository.url()), null);

    MavenException e =
        catchThrowableOfType(
            MavenException.class,
            () -> installer.install("com.example:demo-sink:1.0:package@zip", null, LIMIT));

    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage()).contains("com.example:demo-sink:1.0:package@zip", repository.url());
    assertThat(store.list()).isEmpty();
  }

  @Test
  void shouldRefuseAGroupOutsideTheAllowedOnesBeforeDownloadingAnything() throws Exception {
    // given
    resolver = new MavenResolver(List.of(repository.url()), dataDir.resolve("maven"), null);
    MavenPluginInstaller installer =
        new MavenPluginInstaller(store, resolver, List.of("io.debezium", "com.examples"));

    // when
    MavenException e =
        catchThrowableOfType(MavenException.class, () -> installer.install(DEMO, null, LIMIT));

    // then
    assertThat(e.reason()).isEqualTo(Reason.GROUP_NOT_ALLOWED);
    assertThat(e.getMessage())
        .contains(
            "'com.example'", DEMO, "plugins.maven.allowed.groups", "io.debezium,com.examples");
    assertThat(dataDir.resolve("maven")).doesNotExist();
    assertThat(store.list()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example", "com", "org.acme,com.example"})
  void shouldInstallFromAnAllowedGroupOrOneOfItsSubGroups(String allowed) throws Exception {
    resolver = new MavenResolver(List.of(repository.url()), dataDir.resolve("maven"), null);
    MavenPluginInstaller installer =
        new MavenPluginInstaller(store, resolver, List.of(allowed.split(",")));

    assertThat(installer.install(DEMO, null, LIMIT).plugin().version()).isEqualTo("1.0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"central", "*", "external:*,!nothing", "other,central"})
  void shouldResolveCentralThroughASettingsMirror(String mirrorOf) throws Exception {
    // given: Maven Central is configured, but a mirror redirects it to the folder
    Path settings =
        Files.writeString(
            dataDir.resolve("settings.xml"),
            """
        <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
          <mirrors>
            <mirror>
              <id>in-house</id>
              <url>%s</url>
              <mirrorOf>%s</mirrorOf>
            </mirror>
          </mirrors>
        </settings>
        """
                .formatted(repository.url(), mirrorOf));
    MavenPluginInstaller installer = installer(List.of(MavenResolver.MAVEN_CENTRAL), settings);

    // when
    InstallResult result = installer.install(DEMO, null, LIMIT);
    MavenException missing =
        catchThrowableOfType(
            MavenException.class, () -> installer.install("com.example:nope:1.0", null, LIMIT));

    // then
    assertThat(result.plugin().version()).isEqualTo("1.0");
    assertThat(missing.getMessage()).contains("in-house (" + repository.url(), "mirror of central");
  }

  @Test
  void shouldReportARepositoryThatCannotBeReachedAsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/maven2";
    MavenPluginInstaller installer = installer(List.of(url), null);

    MavenException e =
        catchThrowableOfType(MavenException.class, () -> installer.install(DEMO, null, LIMIT));

    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(e.getMessage()).contains("could not be reached", url);
  }

  // every jar in the folder, at any depth, by file name
  static List<String> jars(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar") && !n.startsWith("railyard-"))
          .sorted()
          .toList();
    }
  }
}
