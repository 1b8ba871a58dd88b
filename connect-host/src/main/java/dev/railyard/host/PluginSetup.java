package dev.railyard.host;

import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.host.config.PluginsConfig;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.connectors.ConnectorService;
import dev.railyard.host.plugins.PluginStore;
import dev.railyard.host.plugins.PluginStoreCatalog;
import dev.railyard.host.plugins.PluginUsage;
import dev.railyard.host.plugins.RollingPluginCatalog;
import dev.railyard.host.plugins.maven.MavenPluginInstaller;
import dev.railyard.host.plugins.maven.MavenResolver;
import dev.railyard.host.workers.WorkerPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Deque;

/** The plugin catalog the platform serves: the plugin store, Maven installs, rolling restarts. */
final class PluginSetup {

  private PluginSetup() {}

  /**
   * Opens the plugin store in {@code pluginDir} and the Maven resolver (cached under the data
   * directory), pushing what must be closed onto {@code started}.
   */
  static PluginCatalog catalog(
      RailyardConfig config,
      Path dataDir,
      Path pluginDir,
      ConnectorService connectors,
      WorkerPool workers,
      Deque<AutoCloseable> started) {
    PluginStore store;
    try {
      store = PluginStore.open(pluginDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the plugin store in " + pluginDir, e);
    }
    MavenResolver maven =
        MavenResolver.withUserSettings(
            config.getList(PluginsConfig.MAVEN_REPOSITORIES_CONFIG), dataDir.resolve("maven"));
    started.push(maven);
    return new RollingPluginCatalog(
        new PluginStoreCatalog(
            store,
            () -> PluginUsage.of(connectors.allConfigs()),
            new MavenPluginInstaller(
                store, maven, config.getList(PluginsConfig.MAVEN_ALLOWED_GROUPS_CONFIG))),
        workers);
  }
}
