package dev.railyard.host.plugins.maven;

import static dev.railyard.host.plugins.maven.FileRepository.dependency;
import static dev.railyard.host.plugins.maven.FileRepository.libraryJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.Installed;
import dev.railyard.api.platform.PluginCatalog.Refused;
import dev.railyard.api.platform.WorkerControl;
import dev.railyard.host.plugins.PluginStore;
import dev.railyard.host.plugins.PluginStoreCatalog;
import dev.railyard.host.plugins.RollingPluginCatalog;
import dev.railyard.host.plugins.TestPlugins;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven installs through the API's catalog: refusals get their kind, installs restart workers. */
class MavenCatalogTest {

  @TempDir Path dataDir;

  FileRepository repository;
  PluginStore store;
  MavenResolver resolver;
  final List<String> restarts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    repository =
        new FileRepository(dataDir.resolve("repo"))
            .artifact(
                "com.example",
                "demo-sink",
                "1.0",
                TestPlugins.sinkJar("1.0", true),
                dependency("com.example:demo-util:2.0", "compile", false))
            .artifact("com.example", "demo-util", "2.0", libraryJar("demo-util"));
    store = PluginStore.open(dataDir.resolve("plugins"));
  }

  @AfterEach
  void tearDown() {
    if (resolver != null) {
      resolver.close();
    }
  }

  PluginCatalog catalog(String repositoryUrl) throws Exception {
    resolver = new MavenResolver(List.of(repositoryUrl), dataDir.resolve("maven"), null);
    PluginCatalog catalog =
        new PluginStoreCatalog(store, () -> c -> false, new MavenPluginInstaller(store, resolver));
    WorkerControl workers =
        (WorkerControl)
            Proxy.newProxyInstance(
                WorkerControl.class.getClassLoader(),
                new Class<?>[] {WorkerControl.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("rollingRestart")) {
                    restarts.add((String) args[0]);
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return new RollingPluginCatalog(catalog, workers);
  }

  @Test
  void shouldInstallFromMavenAndRestartTheWorkersOnlyWhenSomethingChanged() throws Exception {
    // given
    PluginCatalog catalog = catalog(repository.url());

    // when
    Installed first = catalog.installMaven("com.example:demo-sink:1.0", "demo", 1 << 20);
    Installed again = catalog.installMaven("com.example:demo-sink:1.0", "demo", 1 << 20);

    // then
    assertThat(first.alreadyPresent()).isFalse();
    assertThat(first.plugin().version()).isEqualTo("1.0");
    assertThat(first.plugin().archiveType()).isEqualTo("ZIP");
    assertThat(first.plugin().classes())
        .extracting(PluginCatalog.PluginClassInfo::className)
        .containsExactly(TestPlugins.SINK);
    assertThat(again.alreadyPresent()).isTrue();
    assertThat(restarts)
        .containsExactly("plugin demo 1.0 installed from Maven com.example:demo-sink:1.0");
  }

  @Test
  void shouldTurnResolutionFailuresIntoTheirKind() throws Exception {
    PluginCatalog catalog = catalog(repository.url());

    Refused missing = refusal(() -> catalog.installMaven("com.example:nope:1.0", null, 1 << 20));
    assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(missing.code()).isEqualTo("NOT_FOUND");
    assertThat(missing.getMessage()).contains(repository.url());

    Refused malformed = refusal(() -> catalog.installMaven("nope", null, 1 << 20));
    assertThat(malformed.kind()).isEqualTo(Kind.INVALID);
    assertThat(malformed.code()).isEqualTo("INVALID_COORDINATES");

    Refused badName = refusal(() -> catalog.installMaven("com.example:demo-sink:1.0", "../x", 1));
    assertThat(badName.code()).isEqualTo("INVALID_NAME");
    assertThat(restarts).isEmpty();
  }

  @Test
  void shouldAnswerUnavailableWhenTheRepositoryCannotBeReached() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    PluginCatalog catalog = catalog("http://127.0.0.1:" + port + "/maven2");

    Refused down = refusal(() -> catalog.installMaven("com.example:demo-sink:1.0", null, 1 << 20));

    assertThat(down.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(down.code()).isEqualTo("UNAVAILABLE");
  }

  @Test
  void shouldRefuseMavenInstallsWhenTheCatalogHasNoInstaller() {
    PluginCatalog catalog = new PluginStoreCatalog(store, () -> c -> false);

    Refused refused = refusal(() -> catalog.installMaven("com.example:demo-sink:1.0", null, 1));

    assertThat(refused.kind()).isEqualTo(Kind.INVALID);
    assertThat(refused.code()).isEqualTo("MAVEN_NOT_SUPPORTED");
  }

  interface Call {
    void run() throws Exception;
  }

  static Refused refusal(Call call) {
    return catchThrowableOfType(Refused.class, call::run);
  }
}
