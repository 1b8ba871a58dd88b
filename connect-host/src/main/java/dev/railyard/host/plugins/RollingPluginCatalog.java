package dev.railyard.host.plugins;

import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.WorkerControl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Workers read {@code plugin.path} only when they start, so every change to the store is followed
 * by a rolling restart of the workers; the API shows its progress at {@code GET /api/v1/workers}.
 * Thread-safe.
 */
public final class RollingPluginCatalog implements PluginCatalog {

  private final PluginCatalog store;
  private final WorkerControl workers;

  public RollingPluginCatalog(PluginCatalog store, WorkerControl workers) {
    this.store = store;
    this.workers = workers;
  }

  @Override
  public Installed install(Path archive, String fileName, String name, long maxBytes)
      throws IOException {
    return install(archive, fileName, name, maxBytes, ArchiveDigests.NONE);
  }

  @Override
  public Installed install(
      Path archive, String fileName, String name, long maxBytes, ArchiveDigests pinned)
      throws IOException {
    Installed installed = store.install(archive, fileName, name, maxBytes, pinned);
    if (!installed.alreadyPresent()) {
      workers.rollingRestart("plugin " + name + " " + installed.plugin().version() + " installed");
    }
    return installed;
  }

  @Override
  public Installed installMaven(String coordinates, String name, long maxBytes) throws IOException {
    Installed installed = store.installMaven(coordinates, name, maxBytes);
    if (!installed.alreadyPresent()) {
      PluginVersion plugin = installed.plugin();
      workers.rollingRestart(
          "plugin "
              + plugin.name()
              + " "
              + plugin.version()
              + " installed from Maven "
              + coordinates.strip());
    }
    return installed;
  }

  @Override
  public List<PluginVersion> list() {
    return store.list();
  }

  @Override
  public List<PluginVersion> get(String name) {
    return store.get(name);
  }

  @Override
  public void writeArchive(OutputStream out) throws IOException {
    store.writeArchive(out);
  }

  @Override
  public List<PluginVersion> delete(String name, String version) throws IOException {
    List<PluginVersion> deleted = store.delete(name, version);
    workers.rollingRestart("plugin " + name + (version == null ? "" : " " + version) + " deleted");
    return deleted;
  }
}
