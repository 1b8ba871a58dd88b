package dev.railyard.api;

import dev.railyard.api.security.AllowedHosts;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Sessions;
import dev.railyard.api.security.TokenStore;
import java.util.Objects;

/**
 * What the API checks before any route runs.
 *
 * @param tokens the tokens that may call it
 * @param sessions the browser sessions of people who logged in with a token
 * @param hosts the names the API may be reached under
 * @param limits the per-token rate limits of writes and PutEvents
 * @param audit where every state-changing call is recorded
 */
public record ApiSecurity(
    TokenStore tokens, Sessions sessions, AllowedHosts hosts, RateLimits limits, AuditTrail audit) {

  public ApiSecurity {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(audit, "audit");
  }

  /** Without rate limits and without an audit trail, for tests and tools. */
  public ApiSecurity(TokenStore tokens, Sessions sessions, AllowedHosts hosts) {
    this(tokens, sessions, hosts, RateLimits.NONE, AuditTrail.NONE);
  }
}
