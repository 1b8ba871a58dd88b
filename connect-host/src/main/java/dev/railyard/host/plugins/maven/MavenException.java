package dev.railyard.host.plugins.maven;

import java.util.Objects;

/**
 * A Maven install that could not resolve its artifact, with a reason the API maps to a status and a
 * message naming the coordinates, the repositories tried and what to do. Nothing was installed.
 */
public final class MavenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the artifact could not be resolved. */
  public enum Reason {
    /** The coordinates are not {@code group:artifact:version}. */
    INVALID_COORDINATES,
    /** The group is not one of {@code plugins.maven.allowed.groups}; nothing was downloaded. */
    GROUP_NOT_ALLOWED,
    /** The artifact, its POM or one of its dependencies is in none of the repositories. */
    NOT_FOUND,
    /** A repository could not be reached or answered with an error; retrying may help. */
    UNAVAILABLE,
    /** The artifact exists but its dependencies cannot be resolved (bad POM, bad checksum). */
    UNRESOLVABLE
  }

  private final Reason reason;

  /**
   * @param reason why, never null
   * @param message what failed, where, and what would help
   * @param cause the resolver's exception, or null
   */
  public MavenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the artifact could not be resolved; never null. */
  public Reason reason() {
    return reason;
  }
}
