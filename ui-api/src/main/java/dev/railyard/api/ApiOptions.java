package dev.railyard.api;

import java.util.Objects;

/**
 * Where and how the API server listens. Immutable and thread-safe.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}; never null
 * @param port the TCP port, or 0 for an ephemeral one (see {@link ApiServer#port()})
 * @param maxBodyBytes the largest request body accepted; larger bodies are answered with 413
 */
public record ApiOptions(String host, int port, long maxBodyBytes) {

  public ApiOptions {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
    }
  }
}
