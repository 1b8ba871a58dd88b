package dev.railyard.api;

import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.Installed;
import dev.railyard.api.platform.PluginCatalog.PluginVersion;
import dev.railyard.api.platform.PluginCatalog.Refused;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records installs (with the upload's bytes, read while it exists) and answers as told. */
final class FakeCatalog implements PluginCatalog {

  record Call(Path archive, byte[] content, String fileName, String name, long maxBytes) {}

  record MavenCall(String coordinates, String name, long maxBytes) {}

  final List<Call> installs = new CopyOnWriteArrayList<>();
  final List<MavenCall> mavenInstalls = new CopyOnWriteArrayList<>();
  final List<PluginVersion> versions = new CopyOnWriteArrayList<>();
  volatile boolean alreadyPresent;
  volatile Refused refusal;
  volatile byte[] archive = new byte[0];
  volatile ArchiveDigests pinned;

  /** When set, Maven installs wait for it. */
  volatile java.util.concurrent.CountDownLatch hold;

  void reset() {
    hold = null;
    installs.clear();
    mavenInstalls.clear();
    versions.clear();
    alreadyPresent = false;
    refusal = null;
    archive = new byte[0];
    pinned = null;
  }

  @Override
  public Installed install(Path archive, String fileName, String name, long maxBytes)
      throws IOException {
    installs.add(new Call(archive, Files.readAllBytes(archive), fileName, name, maxBytes));
    if (refusal != null) {
      throw refusal;
    }
    return new Installed(PluginRoutesTest.version(name, "1.0"), alreadyPresent);
  }

  @Override
  public Installed install(
      Path archive, String fileName, String name, long maxBytes, ArchiveDigests pinned)
      throws IOException {
    this.pinned = pinned;
    return install(archive, fileName, name, maxBytes);
  }

  @Override
  public Installed installMaven(String coordinates, String name, long maxBytes) {
    mavenInstalls.add(new MavenCall(coordinates, name, maxBytes));
    java.util.concurrent.CountDownLatch wait = hold;
    if (wait != null) {
      try {
        wait.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (refusal != null) {
      throw refusal;
    }
    String artifact = coordinates.split(":")[1];
    return new Installed(
        PluginRoutesTest.version(name == null ? artifact : name, "1.0"), alreadyPresent);
  }

  @Override
  public List<PluginVersion> list() {
    return List.copyOf(versions);
  }

  @Override
  public List<PluginVersion> get(String name) {
    return versions.stream().filter(v -> v.name().equals(name)).toList();
  }

  @Override
  public void writeArchive(OutputStream out) throws IOException {
    if (refusal != null) {
      throw refusal;
    }
    out.write(archive);
  }

  @Override
  public List<PluginVersion> delete(String name, String version) {
    if (refusal != null) {
      throw refusal;
    }
    List<PluginVersion> deleted =
        new ArrayList<>(
            get(name).stream()
                .filter(v -> version == null || v.version().equals(version))
                .toList());
    versions.removeAll(deleted);
    return deleted;
  }
}
