package dev.railyard.api.security;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A token as stored: never the token itself, only its SHA-256. An AWS key pair (for the EventBridge
 * API's SigV4) is a token too, with an {@code accessKeyId}; its secret key is kept sealed by the
 * {@link TokenStore}, never here. Immutable.
 *
 * @param id the token's public id, used to revoke it and in the audit log
 * @param name a unique name people recognise it by, e.g. {@code ci-publisher}
 * @param role what it may do
 * @param buses the buses it is limited to, or empty for all buses
 * @param createdAt when it was created
 * @param sha256 the hex SHA-256 of the token (of the secret key, for a key pair)
 * @param accessKeyId the access key id of an AWS key pair, or null for a bearer token
 */
public record Token(
    String id,
    String name,
    Role role,
    Set<String> buses,
    Instant createdAt,
    String sha256,
    String accessKeyId) {

  public Token {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(sha256, "sha256");
    buses = Collections.unmodifiableSet(new TreeSet<>(buses == null ? Set.of() : buses));
  }

  /** Whether this is an AWS key pair (SigV4) rather than a bearer token. */
  public boolean awsKeyPair() {
    return accessKeyId != null;
  }

  /** Whether this token may act on {@code bus}: it is limited to no bus, or to that one. */
  public boolean allowsBus(String bus) {
    return buses.isEmpty() || buses.contains(bus);
  }
}
