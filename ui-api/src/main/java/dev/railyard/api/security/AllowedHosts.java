package dev.railyard.api.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names under which the API may be reached, against DNS rebinding: a page of {@code
 * evil.example} whose name was re-pointed at 127.0.0.1 still sends {@code Host: evil.example}. A
 * host that is an IP address is always allowed, as no name can be re-pointed to it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowedHosts {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Set<String> names;

  /** Allows {@code names} (case-insensitively, without ports) and every IP address. */
  public AllowedHosts(Collection<String> names) {
    Set<String> lower = new TreeSet<>();
    for (String name : names) {
      if (name != null && !name.isBlank()) {
        lower.add(name.trim().toLowerCase(Locale.ROOT));
      }
    }
    this.names = Set.copyOf(lower);
  }

  /** The configured names, for messages. */
  public Set<String> names() {
    return new TreeSet<>(names);
  }

  /** Whether a request that named {@code host} (the Host header without its port) may be served. */
  public boolean allows(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return names.contains(h) || IPV4.matcher(h).matches() || h.indexOf(':') >= 0;
  }
}
