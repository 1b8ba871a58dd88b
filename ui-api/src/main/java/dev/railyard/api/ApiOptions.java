package dev.railyard.api;

import java.util.Objects;

/**
 * Where and how the API server listens. Immutable and thread-safe.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}; never null
 * @param port the TCP port, or 0 for an ephemeral one (see {@link ApiServer#port()})
 * @param maxBodyBytes the largest request body accepted; larger bodies are answered with 413
 * @param idleTimeoutSeconds a connection idle this long is closed
 * @param maxConnections open connections accepted at once; more are closed at once
 * @param maxHeaderBytes the largest request head read
 * @param tlsCertFile PEM certificate (chain) for HTTPS, or empty for plain HTTP
 * @param tlsKeyFile PEM private key of {@code tlsCertFile}, or empty
 * @param bounds what one request may ask: PutEvents entries and bytes, concurrent uploads
 */
public record ApiOptions(
    String host,
    int port,
    long maxBodyBytes,
    int idleTimeoutSeconds,
    int maxConnections,
    int maxHeaderBytes,
    String tlsCertFile,
    String tlsKeyFile,
    RequestBounds bounds) {

  /** Plain HTTP with the default connection and request bounds. */
  public ApiOptions(String host, int port, long maxBodyBytes) {
    this(host, port, maxBodyBytes, 300, 512, 16 * 1024, "", "", RequestBounds.DEFAULTS);
  }

  /** Whether the API speaks HTTPS. */
  public boolean tls() {
    return !tlsCertFile.isBlank();
  }

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
    if (idleTimeoutSeconds <= 0 || maxConnections <= 0 || maxHeaderBytes <= 0) {
      throw new IllegalArgumentException("timeouts and bounds must be positive");
    }
    Objects.requireNonNull(bounds, "bounds");
    tlsCertFile = tlsCertFile == null ? "" : tlsCertFile;
    tlsKeyFile = tlsKeyFile == null ? "" : tlsKeyFile;
    if (tlsCertFile.isBlank() != tlsKeyFile.isBlank()) {
      throw new IllegalArgumentException(
          "http.tls.cert.file and http.tls.key.file go together: set both or neither");
    }
  }
}
