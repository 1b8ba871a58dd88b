package dev.railyard.api.platform;

import java.util.List;

/**
 * Reports the state of each platform component (broker, workers, ...). Called off the event loop;
 * implementations may block briefly but must bound their own waits. Thread-safe.
 */
public interface HealthProbe {

  /** One entry per component, never null. The API itself is added by the server. */
  List<ComponentHealth> components();

  /**
   * The state of one component; {@code detail} is a short human-readable reason, never null. A
   * component may carry a {@code warning} (null when there is none), up or down: something else is
   * wrong that does not by itself stop the platform, e.g. figures that cannot be read.
   */
  record ComponentHealth(String name, boolean up, String detail, String warning) {

    /** A component without a warning. */
    public ComponentHealth(String name, boolean up, String detail) {
      this(name, up, detail, null);
    }
  }
}
