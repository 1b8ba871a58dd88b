package dev.railyard.host.plugins;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One installed version of a plugin, as recorded in the {@code plugin.json} of its folder.
 *
 * @param name the name it was uploaded under
 * @param version its version, read without running it (see {@code ClassScanner}): a connector's
 *     literal {@code version()} or its jar's {@code Implementation-Version}, {@code pom.properties}
 *     or file name, else the Maven version or the archive's file name, else {@code "unknown"}
 * @param folder the name of its folder in the plugin path, {@code <name>-<version>}
 * @param classes the Connect plugin classes it holds, sorted by type then name
 * @param sha256 the hex SHA-256 of the uploaded archive
 * @param installedAt when it was installed
 * @param archiveBytes the size of the uploaded archive
 * @param archiveType the format it was uploaded in
 */
public record Plugin(
    String name,
    String version,
    String folder,
    List<PluginClass> classes,
    String sha256,
    Instant installedAt,
    long archiveBytes,
    ArchiveType archiveType) {

  /** Checks that no component is null and copies the class list. */
  public Plugin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(folder, "folder");
    classes = List.copyOf(classes);
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(installedAt, "installedAt");
    Objects.requireNonNull(archiveType, "archiveType");
  }
}
