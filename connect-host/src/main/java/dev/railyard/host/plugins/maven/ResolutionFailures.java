package dev.railyard.host.plugins.maven;

import dev.railyard.host.plugins.maven.MavenException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.ChecksumFailureException;
import org.eclipse.aether.transfer.MetadataNotFoundException;
import org.eclipse.aether.transfer.MetadataTransferException;

/**
 * Turns Maven Resolver's nested exceptions into one {@link MavenException}: a repository that could
 * not be reached wins (the artifact may well be there), then a missing artifact, then anything
 * else.
 */
final class ResolutionFailures {

  private ResolutionFailures() {}

  static MavenException classify(
      MavenCoordinates coordinates, RepositoryException e, List<RemoteRepository> repositories) {
    List<Throwable> all = flatten(e);
    String tried = describe(repositories);
    Optional<Throwable> checksum =
        all.stream().filter(ChecksumFailureException.class::isInstance).findFirst();
    if (checksum.isPresent()) {
      return new MavenException(
          Reason.UNRESOLVABLE,
          String.format(
              "Resolving %s failed: a download from %s did not match its checksum (%s); the"
                  + " repository or a proxy serves a damaged file",
              coordinates, tried, checksum.get().getMessage()),
          e);
    }
    Optional<Throwable> unreachable =
        all.stream().filter(ResolutionFailures::isTransferFailure).findFirst();
    if (unreachable.isPresent()) {
      return new MavenException(
          Reason.UNAVAILABLE,
          String.format(
              "Resolving %s failed: a Maven repository could not be reached (%s); tried %s. Check"
                  + " the repository URLs, mirrors and network, then retry",
              coordinates, rootMessage(unreachable.get()), tried),
          e);
    }
    Optional<ArtifactNotFoundException> missing =
        all.stream()
            .filter(ArtifactNotFoundException.class::isInstance)
            .map(ArtifactNotFoundException.class::cast)
            .findFirst();
    if (missing.isPresent()) {
      return new MavenException(Reason.NOT_FOUND, notFound(coordinates, missing.get(), tried), e);
    }
    return new MavenException(
        Reason.UNRESOLVABLE,
        String.format("Resolving %s from %s failed: %s", coordinates, tried, rootMessage(e)),
        e);
  }

  private static boolean isTransferFailure(Throwable t) {
    return t instanceof ArtifactTransferException && !(t instanceof ArtifactNotFoundException)
        || t instanceof MetadataTransferException && !(t instanceof MetadataNotFoundException);
  }

  private static String notFound(
      MavenCoordinates coordinates, ArtifactNotFoundException e, String tried) {
    Artifact a = e.getArtifact();
    boolean root =
        a != null
            && a.getGroupId().equals(coordinates.groupId())
            && a.getArtifactId().equals(coordinates.artifactId())
            && a.getVersion().equals(coordinates.version());
    if (a == null || root) {
      return String.format(
          "Maven artifact %s was not found in %s; check the coordinates (%s)"
              + " and the repositories",
          coordinates, tried, MavenCoordinates.FORM);
    }
    if (a.getExtension().equals("pom")) {
      // a parent, an imported BOM or the POM of a dependency: the resolver cannot tell which
      return String.format(
          "the POM %s:%s:pom:%s, needed to resolve the dependencies of %s, was not found in %s;"
              + " add a repository that has it, or install the plugin's own archive"
              + " (%s:<classifier>@tar.gz or @zip) if it publishes one",
          a.getGroupId(), a.getArtifactId(), a.getVersion(), coordinates, tried, coordinates);
    }
    return String.format(
        "%s:%s:%s:%s, a dependency of %s, was not found in %s; add a repository that has it",
        a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getVersion(), coordinates, tried);
  }

  /** {@code central (https://...)}, with the repositories a mirror stands for. */
  static String describe(List<RemoteRepository> repositories) {
    return repositories.stream()
        .map(
            r -> {
              String mirrored =
                  r.getMirroredRepositories().stream()
                      .map(RemoteRepository::getId)
                      .collect(Collectors.joining(", "));
              return r.getId()
                  + " ("
                  + r.getUrl()
                  + (mirrored.isEmpty() ? "" : ", mirror of " + mirrored)
                  + ")";
            })
        .collect(Collectors.joining(", "));
  }

  private static String rootMessage(Throwable t) {
    Throwable last = t;
    while (last.getCause() != null && last.getCause() != last) {
      last = last.getCause();
    }
    return last == t ? String.valueOf(t.getMessage()) : t.getMessage() + ": " + last;
  }

  /** Every exception reachable through causes, suppressed ones and the resolvers' results. */
  private static List<Throwable> flatten(Throwable top) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(top));
    List<Throwable> all = new ArrayList<>();
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (t == null || !seen.add(t)) {
        continue;
      }
      all.add(t);
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      todo.addAll(List.of(t.getSuppressed()));
      nested(t, todo);
    }
    return all;
  }

  private static void nested(Throwable t, Deque<Throwable> todo) {
    if (t instanceof DependencyResolutionException d && d.getResult() != null) {
      todo.addAll(d.getResult().getCollectExceptions());
      d.getResult().getArtifactResults().forEach(r -> todo.addAll(r.getExceptions()));
    } else if (t instanceof ArtifactResolutionException a) {
      a.getResults().stream().map(ArtifactResult::getExceptions).forEach(todo::addAll);
    } else if (t instanceof ArtifactDescriptorException a && a.getResult() != null) {
      todo.addAll(a.getResult().getExceptions());
    } else if (t instanceof DependencyCollectionException c && c.getResult() != null) {
      todo.addAll(c.getResult().getExceptions());
    }
  }
}
