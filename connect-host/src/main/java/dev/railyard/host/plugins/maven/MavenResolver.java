package dev.railyard.host.plugins.maven;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.graph.selector.AndDependencySelector;
import org.eclipse.aether.util.graph.selector.ExclusionDependencySelector;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * Resolves a plugin jar and its runtime dependencies (compile and runtime scope, no test, provided
 * or optional ones) with Maven Resolver, leaving out what every worker has on its class path
 * already: Kafka's own {@code org.apache.kafka} artifacts with everything they bring, and {@code
 * slf4j-api}. Only the configured repositories are asked (repositories declared in POMs are
 * ignored), through the mirrors of a {@code settings.xml}; downloads are kept in a local repository
 * of their own. A failed lookup is not cached, so a retry asks the repositories again. Thread-safe;
 * {@link #close()} releases the resolver.
 */
public final class MavenResolver implements AutoCloseable {

  /** Maven Central, the repository used when none is configured. */
  public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2";

  // What every worker already has and shares with its plugins: a plugin with its own copy of
  // Jackson saw another JsonNode than the worker's JsonConverter, and Debezium's
  // CloudEventsConverter
  // failed to load (Debezium's own plugin archives leave Jackson out for the same reason).
  static final List<Exclusion> WORKER_PROVIDED =
      List.of(
          new Exclusion("org.apache.kafka", "*", "*", "*"),
          new Exclusion("org.slf4j", "slf4j-api", "*", "*"),
          new Exclusion("com.fasterxml.jackson.core", "*", "*", "*"));
  private static final Set<String> SCHEMES = Set.of("https", "http", "file");
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int REQUEST_TIMEOUT_MS = 60_000;

  private final RepositorySystem system;
  private final List<RemoteRepository> repositories;
  private final Path localRepository;
  private final MirrorSelector mirrors;

  /**
   * @param repositories the repositories to resolve from, in order, each a URL ({@code https},
   *     {@code http} or {@code file}) or {@code id=url}; a URL alone is named {@code central} when
   *     it is Maven Central's and {@code repo-<n>} otherwise, names that settings mirrors' {@code
   *     mirrorOf} refer to. Empty means Maven Central only.
   * @param localRepository where downloaded artifacts are kept, e.g. {@code <data.dir>/maven};
   *     created when needed
   * @param settingsXml a Maven {@code settings.xml} whose {@code <mirrors>} apply, e.g. {@code
   *     ~/.m2/settings.xml}; null or a missing file for none
   * @throws IllegalArgumentException when a repository is not a URL of a supported scheme or the
   *     settings file is not readable XML
   * @throws IOException when the settings file cannot be read
   */
  public MavenResolver(List<String> repositories, Path localRepository, Path settingsXml)
      throws IOException {
    this.repositories = remotes(repositories.isEmpty() ? List.of(MAVEN_CENTRAL) : repositories);
    this.localRepository =
        Objects.requireNonNull(localRepository, "localRepository").toAbsolutePath().normalize();
    this.mirrors = SettingsMirrors.selector(SettingsMirrors.read(settingsXml));
    this.system = new RepositorySystemSupplier().get();
  }

  /** Maven's per-user settings, {@code ~/.m2/settings.xml}; it need not exist. */
  /**
   * A resolver of {@code repositories} (Maven Central when empty) with the user's {@code
   * settings.xml}.
   *
   * @throws java.io.UncheckedIOException when the settings cannot be read
   */
  public static MavenResolver withUserSettings(List<String> repositories, Path localRepository) {
    try {
      return new MavenResolver(repositories, localRepository, userSettings());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read the Maven settings", e);
    }
  }

  public static Path userSettings() {
    return Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
  }

  /**
   * The plugin's jar first, then its dependencies, each downloaded into the local repository.
   *
   * @throws MavenException {@code NOT_FOUND}, {@code UNAVAILABLE} or {@code UNRESOLVABLE}
   */
  List<Jar> resolve(MavenCoordinates coordinates) {
    try (CloseableSession session = newSession()) {
      List<RemoteRepository> remotes = system.newResolutionRepositories(session, repositories);
      Dependency root = new Dependency(artifact(coordinates), "runtime", false, WORKER_PROVIDED);
      DependencyRequest request =
          new DependencyRequest(
              new CollectRequest(root, remotes), DependencyFilterUtils.classpathFilter("runtime"));
      try {
        List<Jar> jars = new ArrayList<>();
        for (ArtifactResult result :
            system.resolveDependencies(session, request).getArtifactResults()) {
          Artifact a = result.getArtifact();
          jars.add(new Jar(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getPath()));
        }
        return jars;
      } catch (DependencyResolutionException e) {
        throw ResolutionFailures.classify(coordinates, e, remotes);
      }
    }
  }

  /**
   * Downloads one file, without its dependencies: a plugin archive that holds them already.
   *
   * @return the file in the local repository
   * @throws MavenException {@code NOT_FOUND}, {@code UNAVAILABLE} or {@code UNRESOLVABLE}
   */
  Path download(MavenCoordinates coordinates) {
    try (CloseableSession session = newSession()) {
      List<RemoteRepository> remotes = system.newResolutionRepositories(session, repositories);
      try {
        return system
            .resolveArtifact(session, new ArtifactRequest(artifact(coordinates), remotes, null))
            .getArtifact()
            .getPath();
      } catch (ArtifactResolutionException e) {
        throw ResolutionFailures.classify(coordinates, e, remotes);
      }
    }
  }

  private static Artifact artifact(MavenCoordinates c) {
    return new DefaultArtifact(
        c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
  }

  private CloseableSession newSession() {
    return new SessionBuilderSupplier(system)
        .get()
        .withLocalRepositoryBaseDirectories(localRepository)
        .setMirrorSelector(mirrors)
        .setIgnoreArtifactDescriptorRepositories(true)
        .setDependencySelector(
            new AndDependencySelector(
                RuntimeDependencySelector.INSTANCE, new ExclusionDependencySelector()))
        // a missing or broken POM must fail the install, not silently drop the dependencies
        .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false))
        .setResolutionErrorPolicy(
            new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
        .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
        .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS)
        .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, REQUEST_TIMEOUT_MS)
        .setConfigProperty(ConfigurationProperties.USER_AGENT, "Railyard (Maven Resolver)")
        .build();
  }

  static List<RemoteRepository> remotes(List<String> entries) {
    List<RemoteRepository> remotes = new ArrayList<>();
    for (String entry : entries) {
      String text = entry == null ? "" : entry.strip();
      int eq = text.indexOf('=');
      boolean named = eq > 0 && !text.substring(0, eq).contains(":");
      String url = named ? text.substring(eq + 1).strip() : text;
      String id =
          named
              ? text.substring(0, eq).strip()
              : isCentral(url) ? "central" : "repo-" + (remotes.size() + 1);
      checkUrl(entry, url);
      RepositoryPolicy policy =
          new RepositoryPolicy(
              true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
      remotes.add(
          new RemoteRepository.Builder(id, "default", url)
              .setReleasePolicy(policy)
              .setSnapshotPolicy(policy)
              .build());
    }
    return List.copyOf(remotes);
  }

  private static boolean isCentral(String url) {
    return url.replaceAll("/+$", "").equalsIgnoreCase(MAVEN_CENTRAL);
  }

  private static void checkUrl(String entry, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (SCHEMES.contains(scheme)) {
        return;
      }
    } catch (URISyntaxException e) {
      // refused below with the same message
    }
    throw new IllegalArgumentException(
        String.format(
            "Maven repository '%s' is not an https, http or file URL (or id=url), e.g. %s",
            entry, MAVEN_CENTRAL));
  }

  /** Shuts the resolver down; later resolutions fail. */
  @Override
  public void close() {
    system.shutdown();
  }

  /** One resolved jar in the local repository. */
  record Jar(String groupId, String artifactId, String version, Path file) {}
}
