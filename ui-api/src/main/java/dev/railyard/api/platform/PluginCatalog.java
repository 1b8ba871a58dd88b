package dev.railyard.api.platform;

import dev.railyard.api.platform.Outcome.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The plugin store as {@code /api/v1/plugins} offers it: Connect plugins uploaded (JAR, ZIP, TGZ)
 * or installed from Maven coordinates, each name with its versions side by side. Methods block
 * (file and network work) and are called on worker threads; refusals are a {@link Refused}.
 * Thread-safe.
 */
public interface PluginCatalog {

  /**
   * Installs an uploaded archive, or does nothing when the same content is installed already.
   *
   * @param archive the upload, already on local disk; the caller deletes it afterwards
   * @param fileName the file name the client sent, whose extension says the archive type ({@code
   *     .jar}, {@code .zip}, {@code .tgz}, {@code .tar.gz})
   * @param name the plugin's name
   * @param maxBytes the limit for each file in the archive and for all of them together
   * @throws Refused when the archive or name is refused; nothing was installed then
   */
  Installed install(Path archive, String fileName, String name, long maxBytes) throws IOException;

  /**
   * Installs an uploaded archive as {@link #install(Path, String, String, long)} does, once it is
   * checked against the digests the client pinned. This default refuses any pinned digest: the
   * catalog cannot check them.
   *
   * @param pinned the digests the archive must have; {@link ArchiveDigests#NONE} for none
   * @throws Refused {@code INVALID} when a digest is malformed or the archive does not have it;
   *     nothing was installed then
   */
  default Installed install(
      Path archive, String fileName, String name, long maxBytes, ArchiveDigests pinned)
      throws IOException {
    if (pinned.isEmpty()) {
      return install(archive, fileName, name, maxBytes);
    }
    throw new Refused(
        Kind.INVALID,
        "DIGEST_NOT_SUPPORTED",
        "This platform does not check pinned digests; upload without sha256 and sha512");
  }

  /**
   * Installs a plugin from Maven coordinates with its runtime dependencies, or does nothing when
   * the same content is installed already. Blocks while downloading.
   *
   * @param coordinates {@code group:artifact:version} as the client sent it, not yet checked
   * @param name the plugin's name, or null for the artifact id
   * @param maxBytes the limit for the plugin's jars together
   * @throws Refused {@code INVALID} for malformed coordinates, {@code NOT_FOUND} when no repository
   *     has the artifact or a dependency, {@code UNAVAILABLE} when a repository cannot be reached,
   *     or as {@link #install}; nothing was installed then. This default refuses every request: the
   *     catalog installs no Maven artifacts.
   */
  default Installed installMaven(String coordinates, String name, long maxBytes)
      throws IOException {
    throw new Refused(
        Kind.INVALID,
        "MAVEN_NOT_SUPPORTED",
        "This platform does not install plugins from Maven coordinates; upload the plugin archive"
            + " as multipart/form-data instead");
  }

  /** Every installed plugin version, sorted by name then version. */
  List<PluginVersion> list();

  /** The installed versions of one plugin; empty when there is no such plugin. */
  List<PluginVersion> get(String name);

  /**
   * Deletes one version of a plugin, or all of them, unless a connector uses one of its classes.
   *
   * @param version the version, or null for every version
   * @return the deleted versions, never empty
   * @throws Refused {@code NOT_FOUND} or {@code IN_USE}; nothing was deleted then
   */
  List<PluginVersion> delete(String name, String version) throws IOException;

  /**
   * Writes every installed plugin version to {@code out} as one gzip-compressed tar, each version
   * in its folder as under the workers' {@code plugin.path}: what a worker that does not share the
   * store's disk (one on Kubernetes) unpacks into its own {@code plugin.path} before it starts.
   * Blocks while writing; {@code out} is not closed.
   *
   * @throws Refused {@code CONFLICT} when a plugin is deleted while the archive is being written
   */
  void writeArchive(OutputStream out) throws IOException;

  /**
   * The digests a client pins for an upload, as it sent them (not yet checked).
   *
   * @param sha256 the hex SHA-256 the archive must have, or null
   * @param sha512 the hex SHA-512 the archive must have, or null
   */
  record ArchiveDigests(String sha256, String sha512) {

    /** Nothing pinned. */
    public static final ArchiveDigests NONE = new ArchiveDigests(null, null);

    /** Whether nothing is pinned. */
    public boolean isEmpty() {
      return sha256 == null && sha512 == null;
    }
  }

  /**
   * What {@link #install} did.
   *
   * @param plugin the installed version
   * @param alreadyPresent true when this archive was installed before and nothing changed
   */
  record Installed(PluginVersion plugin, boolean alreadyPresent) {}

  /**
   * One installed version of a plugin.
   *
   * @param name the plugin's name
   * @param version its version
   * @param classes its Connect plugin classes
   * @param sha256 the hex SHA-256 of the uploaded archive
   * @param installedAt when it was installed
   * @param archiveBytes the size of the uploaded archive
   * @param archiveType {@code JAR}, {@code ZIP} or {@code TGZ}
   */
  record PluginVersion(
      String name,
      String version,
      List<PluginClassInfo> classes,
      String sha256,
      Instant installedAt,
      long archiveBytes,
      String archiveType) {

    public PluginVersion {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      classes = List.copyOf(classes);
    }
  }

  /**
   * One Connect plugin class.
   *
   * @param className the fully qualified class name
   * @param type {@code sink}, {@code source}, {@code converter}, {@code header_converter}, {@code
   *     transformation}, {@code predicate}, {@code config_provider}, ...
   * @param version its version as the store read it without running it ({@code undefined} when it
   *     declares none, {@code unknown} when nothing tells); a worker reports {@code version()}
   */
  record PluginClassInfo(String className, String type, String version) {}

  /** A refused operation: its kind, a stable code (e.g. {@code ZIP_SLIP}) and a clear message. */
  final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final String code;

    public Refused(Kind kind, String code, String message) {
      super(message, null, false, false);
      this.kind = Objects.requireNonNull(kind, "kind");
      this.code = Objects.requireNonNull(code, "code");
    }

    public Kind kind() {
      return kind;
    }

    public String code() {
      return code;
    }
  }
}
