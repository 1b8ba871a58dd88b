package dev.railyard.api.platform;

import java.util.List;

/**
 * Reports the state of each platform component (broker, workers, ...). Called off the event loop;
 * implementations may block briefly but must bound their own waits. Thread-safe.
 */
public interface HealthProbe {

  /** One entry per component, never null. The API itself is added by the server. */
  List<ComponentHealth> components();

  /** The state of one component; {@code detail} is a short human-readable reason, never null. */
  record ComponentHealth(String name, boolean up, String detail) {}
}
