package dev.railyard.api.platform;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The buses a caller may act on: every bus, or the ones its token is limited to (EventBridge's
 * per-bus resource policies). Immutable.
 *
 * @param buses the allowed buses, or empty for all
 */
public record BusScope(Set<String> buses) {

  /** Every bus. */
  public static final BusScope ALL = new BusScope(Set.of());

  public BusScope {
    buses = Collections.unmodifiableSet(new TreeSet<>(buses == null ? Set.of() : buses));
  }

  /** Whether {@code bus} is in scope. */
  public boolean allows(String bus) {
    return buses.isEmpty() || buses.contains(bus);
  }

  /** Whether the scope is limited to some buses. */
  public boolean limited() {
    return !buses.isEmpty();
  }
}
