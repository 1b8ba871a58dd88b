package dev.railyard.host.plugins.maven;

import dev.railyard.host.config.PluginsConfig;
import dev.railyard.host.plugins.ArchiveType;
import dev.railyard.host.plugins.InstallOptions;
import dev.railyard.host.plugins.InstallResult;
import dev.railyard.host.plugins.PluginStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a Connect plugin from Maven coordinates, like Strimzi's {@code build.plugins} without an
 * image build: the {@link MavenResolver} fetches the jar and its runtime dependencies, which are
 * packed into one ZIP, or one plugin archive that holds its dependencies already (a {@code
 * :package@tar.gz}), and installs it through {@link PluginStore#install}, so the store's checks,
 * scan, manifests and atomic move apply as to an upload. Installing the same coordinates again
 * changes nothing. Thread-safe.
 */
public final class MavenPluginInstaller {

  private static final Logger log = LoggerFactory.getLogger(MavenPluginInstaller.class);

  private final PluginStore store;
  private final MavenResolver resolver;
  private final List<String> allowedGroups;

  /**
   * An installer that takes coordinates of any group.
   *
   * @param store the plugin store to install into
   * @param resolver resolves the coordinates; the caller closes it
   */
  public MavenPluginInstaller(PluginStore store, MavenResolver resolver) {
    this(store, resolver, List.of());
  }

  /**
   * @param store the plugin store to install into
   * @param resolver resolves the coordinates; the caller closes it
   * @param allowedGroups the groups whose artifacts may be installed, each also allowing its
   *     sub-groups ({@code io.debezium} allows {@code io.debezium.server}); empty allows any
   */
  public MavenPluginInstaller(
      PluginStore store, MavenResolver resolver, List<String> allowedGroups) {
    this.store = Objects.requireNonNull(store, "store");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.allowedGroups = List.copyOf(allowedGroups);
  }

  /**
   * Resolves and installs a plugin. Blocks while downloading; call it off any event loop.
   *
   * @param coordinates {@code group:artifact:version} of the plugin's jar, resolved with its
   *     runtime dependencies, or {@code group:artifact:version[:classifier]@type} of a plugin
   *     archive (zip, tar.gz, tgz) installed as it is
   * @param name the plugin's name, or null for the artifact id
   * @param maxBytes the store's size limit, applied to the packed jars
   * @return what the store did; its version is the one the store finds in the plugin (normally the
   *     Maven version)
   * @throws MavenException when the coordinates are malformed, of a group that is not allowed
   *     (checked before anything is downloaded) or cannot be resolved
   * @throws dev.railyard.host.plugins.PluginException when the store refuses the plugin
   */
  public InstallResult install(String coordinates, String name, long maxBytes) throws IOException {
    MavenCoordinates gav = MavenCoordinates.parse(coordinates);
    checkGroup(gav);
    String pluginName = name == null || name.isBlank() ? gav.artifactId() : name;
    InstallResult result =
        gav.isArchive()
            ? installArchive(gav, pluginName, maxBytes)
            : installJars(gav, pluginName, maxBytes);
    if (!result.plugin().version().equals(gav.version())) {
      log.warn(
          "Plugin {} from {} reports version {}, not its Maven version {}",
          pluginName,
          gav,
          result.plugin().version(),
          gav.version());
    }
    return result;
  }

  // a plugin archive holds its dependencies: it is installed as it was published, as an upload
  private InstallResult installArchive(MavenCoordinates gav, String pluginName, long maxBytes)
      throws IOException {
    Path archive = resolver.download(gav);
    log.info("Downloaded {} for plugin {}: {} bytes", gav, pluginName, Files.size(archive));
    try (InputStream in = Files.newInputStream(archive)) {
      return store.install(
          pluginName,
          in,
          gav.archiveType(),
          maxBytes,
          InstallOptions.NONE.withVersionHint(gav.version()));
    }
  }

  private InstallResult installJars(MavenCoordinates gav, String pluginName, long maxBytes)
      throws IOException {
    List<MavenResolver.Jar> jars = resolver.resolve(gav);
    log.info(
        "Resolved {} for plugin {}: {}",
        gav,
        pluginName,
        jars.stream().map(j -> j.file().getFileName().toString()).toList());
    Path zip = Files.createTempFile("railyard-maven-", ".zip");
    try {
      PluginZip.write(jars, zip);
      try (InputStream in = Files.newInputStream(zip)) {
        return store.install(
            pluginName,
            in,
            ArchiveType.ZIP,
            maxBytes,
            InstallOptions.NONE.withVersionHint(gav.version()));
      }
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  // only the plugin's own coordinates are checked: its dependencies come from any group
  private void checkGroup(MavenCoordinates gav) {
    String group = gav.groupId();
    if (allowedGroups.isEmpty()
        || allowedGroups.stream().anyMatch(g -> group.equals(g) || group.startsWith(g + "."))) {
      return;
    }
    throw new MavenException(
        MavenException.Reason.GROUP_NOT_ALLOWED,
        String.format(
            "group '%s' of %s is not allowed: %s is %s; install a plugin of one of those groups,"
                + " or ask an administrator to add '%s' to %s",
            group,
            gav,
            PluginsConfig.MAVEN_ALLOWED_GROUPS_CONFIG,
            String.join(",", allowedGroups),
            group,
            PluginsConfig.MAVEN_ALLOWED_GROUPS_CONFIG),
        null);
  }
}
