package dev.railyard.host.plugins;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.host.plugins.maven.MavenException;
import dev.railyard.host.plugins.maven.MavenPluginInstaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link PluginStore} as the API's {@link PluginCatalog}: store records become API records and
 * each {@link PluginException} a {@link PluginCatalog.Refused} of the matching kind. Thread-safe.
 */
public final class PluginStoreCatalog implements PluginCatalog {

  private static final Pattern VERSIONED_FILE =
      Pattern.compile(
          "(?i).+?-(\\d[A-Za-z0-9._+-]*?)(?:-plugin|-bin|-dist)?\\.(?:jar|zip|tgz|tar\\.gz)");

  private final PluginStore store;
  private final Supplier<Predicate<PluginClass>> usage;
  private final MavenPluginInstaller maven;

  /**
   * A catalog that refuses installs from Maven coordinates.
   *
   * @param store the store
   * @param usage asked once per delete, outside the store's lock, for which classes connectors use
   *     now, e.g. {@code () -> PluginUsage.of(<every connector's config>)}; may block
   */
  public PluginStoreCatalog(PluginStore store, Supplier<Predicate<PluginClass>> usage) {
    this(store, usage, null);
  }

  /**
   * @param store the store
   * @param usage as above
   * @param maven installs from Maven coordinates into the same store; null to refuse them
   */
  public PluginStoreCatalog(
      PluginStore store, Supplier<Predicate<PluginClass>> usage, MavenPluginInstaller maven) {
    this.store = Objects.requireNonNull(store, "store");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.maven = maven;
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
    ArchiveType type =
        ArchiveType.fromFileName(fileName)
            .orElseThrow(
                () ->
                    new Refused(
                        Kind.INVALID,
                        "UNSUPPORTED_ARCHIVE_TYPE",
                        "File '"
                            + fileName
                            + "' is not a plugin archive; upload a .jar, .zip, .tgz or .tar.gz"));
    try (InputStream in = Files.newInputStream(archive)) {
      InstallOptions options =
          new InstallOptions(pinned.sha256(), pinned.sha512(), versionInFileName(fileName));
      InstallResult result = store.install(name, in, type, maxBytes, options);
      return new Installed(toApi(result.plugin()), result.alreadyPresent());
    } catch (PluginException e) {
      throw refused(e);
    }
  }

  /**
   * The version in an archive's file name, {@code
   * debezium-connector-postgres-3.1.0.Final-plugin.tar.gz} giving {@code 3.1.0.Final}: what the
   * store records when the plugin's jars tell none.
   */
  static String versionInFileName(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    Matcher m = VERSIONED_FILE.matcher(base);
    return m.matches() ? m.group(1) : null;
  }

  @Override
  public Installed installMaven(String coordinates, String name, long maxBytes) throws IOException {
    if (maven == null) {
      return PluginCatalog.super.installMaven(coordinates, name, maxBytes);
    }
    try {
      InstallResult result = maven.install(coordinates, name, maxBytes);
      return new Installed(toApi(result.plugin()), result.alreadyPresent());
    } catch (PluginException e) {
      throw refused(e);
    } catch (MavenException e) {
      throw refused(e);
    }
  }

  @Override
  public List<PluginVersion> list() {
    return store.list().stream().map(PluginStoreCatalog::toApi).toList();
  }

  @Override
  public List<PluginVersion> get(String name) {
    return store.get(name).stream().map(PluginStoreCatalog::toApi).toList();
  }

  @Override
  public List<PluginVersion> delete(String name, String version) throws IOException {
    try {
      Predicate<PluginClass> inUse = Objects.requireNonNull(usage.get(), "usage");
      return store.delete(name, version, inUse).stream().map(PluginStoreCatalog::toApi).toList();
    } catch (PluginException e) {
      throw refused(e);
    }
  }

  @Override
  public void writeArchive(OutputStream out) throws IOException {
    try {
      store.writeArchive(out);
    } catch (PluginException e) {
      throw refused(e);
    }
  }

  static Refused refused(PluginException e) {
    Kind kind =
        switch (e.code()) {
          case TOO_LARGE -> Kind.TOO_LARGE;
          case NOT_FOUND -> Kind.NOT_FOUND;
          case CONFLICT, IN_USE -> Kind.CONFLICT;
          case INVALID_NAME,
              ZIP_SLIP,
              LINK_NOT_ALLOWED,
              UNSUPPORTED_ENTRY,
              CORRUPT_ARCHIVE,
              NO_PLUGIN,
              SCAN_FAILED,
              INVALID_DIGEST,
              DIGEST_MISMATCH ->
              Kind.INVALID;
        };
    return new Refused(kind, e.code().name(), e.getMessage());
  }

  static Refused refused(MavenException e) {
    Kind kind =
        switch (e.reason()) {
          case INVALID_COORDINATES, GROUP_NOT_ALLOWED, UNRESOLVABLE -> Kind.INVALID;
          case NOT_FOUND -> Kind.NOT_FOUND;
          case UNAVAILABLE -> Kind.UNAVAILABLE;
        };
    String code =
        switch (e.reason()) {
          case UNRESOLVABLE -> "MAVEN_UNRESOLVABLE";
          case GROUP_NOT_ALLOWED -> "MAVEN_GROUP_NOT_ALLOWED";
          default -> e.reason().name();
        };
    return new Refused(kind, code, e.getMessage());
  }

  static PluginVersion toApi(Plugin p) {
    List<PluginClassInfo> classes =
        p.classes().stream()
            .map(c -> new PluginClassInfo(c.className(), c.type().jsonName(), c.version()))
            .toList();
    return new PluginVersion(
        p.name(),
        p.version(),
        classes,
        p.sha256(),
        p.installedAt(),
        p.archiveBytes(),
        p.archiveType().name());
  }
}
