package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploaded Connect plugins, each version in its own folder {@code <plugins>/<name>-<version>/}
 * directly under the workers' {@code plugin.path}, since Kafka isolates each immediate child of
 * that path in its own class loader. A folder holds the plugin's jars (unpacked as uploaded, a
 * single top-level folder dropped), {@code railyard-manifests.jar} with any ServiceLoader manifests
 * the jars lacked, and {@code plugin.json}.
 *
 * <p>Uploads are received, unpacked, checked and scanned in {@code <plugins>.staging/}, a sibling
 * folder outside {@code plugin.path} (a worker would take any folder inside it for a plugin), and
 * moved in with one atomic rename; a refused upload leaves the plugin folder as it was. Deleting
 * renames the folder back out before removing it. Thread-safe.
 */
public final class PluginStore {

  private static final Logger log = LoggerFactory.getLogger(PluginStore.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+-]");
  private static final Comparator<Plugin> ORDER =
      Comparator.comparing(Plugin::name).thenComparing(Plugin::version);

  private final Path plugins;
  private final Path staging;
  private final Clock clock;
  private final Object lock = new Object();
  private final Map<String, Plugin> byFolder = new TreeMap<>();

  private PluginStore(Path plugins, Path staging, Clock clock) {
    this.plugins = plugins;
    this.staging = staging;
    this.clock = clock;
  }

  /**
   * Opens the store over a plugin path folder, creating it if needed, reading every plugin's {@code
   * plugin.json} and clearing what an interrupted install or delete left in staging. Folders
   * without a readable {@code plugin.json} are left alone and not listed.
   *
   * @param pluginsDir the workers' {@code plugin.path}, e.g. {@code <data.dir>/plugins}
   */
  public static PluginStore open(Path pluginsDir) throws IOException {
    return open(pluginsDir, Clock.systemUTC());
  }

  static PluginStore open(Path pluginsDir, Clock clock) throws IOException {
    Path plugins = pluginsDir.toAbsolutePath().normalize();
    Path staging = plugins.resolveSibling(plugins.getFileName() + ".staging");
    Files.createDirectories(plugins);
    Folders.delete(staging);
    Files.createDirectories(staging);
    PluginStore store = new PluginStore(plugins, staging, clock);
    store.load();
    return store;
  }

  private void load() throws IOException {
    List<Path> folders;
    try (Stream<Path> children = Files.list(plugins)) {
      folders = children.filter(p -> Files.isRegularFile(p.resolve(PluginJson.FILE_NAME))).toList();
    }
    for (Path folder : folders) {
      try {
        Plugin plugin = PluginJson.read(folder);
        byFolder.put(plugin.folder(), plugin);
      } catch (IOException | RuntimeException e) {
        log.warn(
            "Skipping plugin folder {}: its plugin.json is unreadable: {}", folder, e.toString());
      }
    }
    log.info("Plugin store {} holds {} plugin version(s)", plugins, byFolder.size());
  }

  /** The folder the store manages: the workers' {@code plugin.path}. */
  public Path pluginsDir() {
    return plugins;
  }

  /**
   * Installs a plugin archive, or does nothing when the same content is installed under this name
   * already. The stream is read to its end but not closed.
   *
   * @param name the plugin's name: letters, digits, '.', '_' and '-', starting with a letter or
   *     digit, at most 100 characters
   * @param archive the uploaded archive
   * @param type its format
   * @param maxBytes the limit for the archive, for each file in it and for all files together
   * @throws PluginException when the upload is refused; the store is then unchanged
   * @throws IOException when reading the upload or writing the store fails; the store is then
   *     unchanged
   */
  public InstallResult install(String name, InputStream archive, ArchiveType type, long maxBytes)
      throws IOException {
    return install(name, archive, type, maxBytes, InstallOptions.NONE);
  }

  /**
   * Installs a plugin archive as {@link #install(String, InputStream, ArchiveType, long)} does,
   * after checking it against the digests {@code options} pins; a mismatch installs nothing.
   *
   * @param options the pinned digests and a version hint; {@link InstallOptions#NONE} for none
   * @throws PluginException {@code DIGEST_MISMATCH} when the archive lacks a pinned digest, or any
   *     other refusal; the store is then unchanged
   */
  public InstallResult install(
      String name, InputStream archive, ArchiveType type, long maxBytes, InstallOptions options)
      throws IOException {
    checkName(name);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(type, "type");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    Path work = Files.createDirectory(staging.resolve("install-" + UUID.randomUUID()));
    try {
      Upload upload =
          Upload.receive(archive, work.resolve("upload"), maxBytes, options.sha512() != null);
      upload.checkPinned(options);
      Optional<InstallResult> same = sameContent(name, upload.sha256());
      if (same.isPresent()) {
        return same.get();
      }
      Path root = Unpacker.unpack(type, upload.file(), work.resolve("plugin"), name, maxBytes);
      List<String> leftOut = WorkerProvidedJars.remove(root);
      if (!leftOut.isEmpty()) {
        log.warn(
            "Plugin {}: left out {}, which every worker has (Kafka {}, slf4j-api); the plugin uses"
                + " the worker's",
            name,
            leftOut,
            AppInfoParser.getVersion());
      }
      return commit(prepare(name, type, upload, root, options.versionHint(), leftOut), root);
    } finally {
      Folders.deleteQuietly(work);
    }
  }

  private Plugin prepare(
      String name,
      ArchiveType type,
      Upload upload,
      Path root,
      String versionHint,
      List<String> leftOut)
      throws IOException {
    ClassScanner.Result scan = ClassScanner.scan(root, versionHint);
    if (!scan.hostable()) {
      throw PluginException.of(
          Code.NO_PLUGIN,
          "the archive holds no Kafka Connect connector, converter, header converter,"
              + " transformation or predicate%s; plugin classes must be public, concrete and have a"
              + " public no-argument constructor",
          scan.classes().isEmpty() ? "" : " (only " + scan.classes() + ")");
    }
    if (ManifestJar.write(root, scan.missingManifests())) {
      log.info(
          "Plugin {}: generated ServiceLoader manifests for {}", name, scan.missingManifests());
    }
    String folder = name + "-" + UNSAFE.matcher(scan.version()).replaceAll("_");
    Plugin plugin =
        new Plugin(
            name,
            scan.version(),
            folder,
            scan.classes(),
            upload.sha256(),
            clock.instant(),
            upload.bytes(),
            type);
    PluginJson.write(root, plugin, leftOut);
    return plugin;
  }

  private InstallResult commit(Plugin plugin, Path root) throws IOException {
    synchronized (lock) {
      Optional<InstallResult> same = sameContent(plugin.name(), plugin.sha256());
      if (same.isPresent()) {
        return same.get();
      }
      Path target = plugins.resolve(plugin.folder());
      Plugin existing = byFolder.get(plugin.folder());
      if (existing != null || Files.exists(target)) {
        throw PluginException.of(
            Code.CONFLICT,
            "plugin '%s' version '%s' is already installed (folder '%s') with different content;"
                + " delete it first or upload another version%s",
            plugin.name(),
            plugin.version(),
            plugin.folder(),
            plugin.version().equals(ClassScanner.UNKNOWN_VERSION)
                ? " (its jars tell no version: name the archive <name>-<version>.jar, .zip or"
                    + " .tar.gz to give it one)"
                : "");
      }
      Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      byFolder.put(plugin.folder(), plugin);
    }
    log.info(
        "Installed plugin {} version {} ({} classes, sha256 {})",
        plugin.name(),
        plugin.version(),
        plugin.classes().size(),
        plugin.sha256());
    return new InstallResult(plugin, false);
  }

  private Optional<InstallResult> sameContent(String name, String sha256) {
    synchronized (lock) {
      for (Plugin p : byFolder.values()) {
        if (p.sha256().equals(sha256)) {
          if (!p.name().equals(name)) {
            throw PluginException.of(
                Code.CONFLICT,
                "this archive is already installed as plugin '%s' version '%s'; use that name",
                p.name(),
                p.version());
          }
          return Optional.of(new InstallResult(p, true));
        }
      }
      return Optional.empty();
    }
  }

  /** Every installed plugin version, sorted by name then version. */
  public List<Plugin> list() {
    synchronized (lock) {
      return byFolder.values().stream().sorted(ORDER).toList();
    }
  }

  /** The installed versions of one plugin, sorted by version; empty when there are none. */
  public List<Plugin> get(String name) {
    return list().stream().filter(p -> p.name().equals(name)).toList();
  }

  /** One installed version of a plugin. */
  public Optional<Plugin> get(String name, String version) {
    return get(name).stream().filter(p -> p.version().equals(version)).findFirst();
  }

  /**
   * Writes every installed plugin version's folder, as it is in the plugin path, to {@code out} as
   * a gzip-compressed tar, for workers that fetch their plugins instead of sharing this folder. The
   * versions are those installed when it starts: one installed meanwhile is left out, one deleted
   * meanwhile fails it. {@code out} is not closed.
   *
   * @throws PluginException {@code CONFLICT} when a plugin is deleted while it is being written
   */
  public void writeArchive(OutputStream out) throws IOException {
    PluginArchive.write(plugins, list(), Objects.requireNonNull(out, "out"));
  }

  /**
   * Deletes one version of a plugin, or all of them, unless one of their classes is in use.
   *
   * @param name the plugin's name
   * @param version the version to delete, or null for every version
   * @param inUse whether a connector uses a class (matching its version where the connector pins
   *     one); called under the store's lock, so it must be quick and not call the store
   * @return the deleted plugin versions, never empty
   * @throws PluginException {@code NOT_FOUND} or {@code IN_USE}; nothing is deleted then
   */
  public List<Plugin> delete(String name, String version, Predicate<PluginClass> inUse)
      throws IOException {
    Objects.requireNonNull(inUse, "inUse");
    List<Path> trash = new ArrayList<>();
    List<Plugin> removed;
    synchronized (lock) {
      removed =
          byFolder.values().stream()
              .filter(
                  p -> p.name().equals(name) && (version == null || p.version().equals(version)))
              .sorted(ORDER)
              .toList();
      checkDeletable(name, version, removed, inUse);
      for (Plugin p : removed) {
        Path away = staging.resolve("delete-" + UUID.randomUUID());
        Files.move(plugins.resolve(p.folder()), away, StandardCopyOption.ATOMIC_MOVE);
        byFolder.remove(p.folder());
        trash.add(away);
      }
    }
    trash.forEach(Folders::deleteQuietly);
    log.info(
        "Deleted plugin {} version(s) {}", name, removed.stream().map(Plugin::version).toList());
    return removed;
  }

  private static void checkDeletable(
      String name, String version, List<Plugin> plugins, Predicate<PluginClass> inUse) {
    if (plugins.isEmpty()) {
      throw PluginException.of(
          Code.NOT_FOUND,
          "no plugin '%s'%s is installed",
          name,
          version == null ? "" : " with version '" + version + "'");
    }
    List<String> used =
        plugins.stream()
            .flatMap(p -> p.classes().stream())
            .filter(inUse)
            .map(c -> c.className() + " " + c.version())
            .distinct()
            .toList();
    if (!used.isEmpty()) {
      throw PluginException.of(
          Code.IN_USE,
          "plugin '%s' is in use: %s; delete or reconfigure the connectors using it first",
          name,
          String.join(", ", used));
    }
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw PluginException.of(
          Code.INVALID_NAME,
          "plugin name '%s' is not valid; use 1 to 100 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit, e.g. 'jdbc-sink'",
          name);
    }
  }
}
