package dev.railyard.api.platform.answers;

import java.util.Objects;

/**
 * A rule or a connector deleted.
 *
 * @param name its name
 * @param deleted true
 */
public record Deleted(String name, boolean deleted) {

  public Deleted {
    Objects.requireNonNull(name, "name");
  }

  /** {@code name} deleted. */
  public static Deleted of(String name) {
    return new Deleted(name, true);
  }
}
