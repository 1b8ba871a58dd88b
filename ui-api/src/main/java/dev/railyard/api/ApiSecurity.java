package dev.railyard.api;

import dev.railyard.api.security.AllowedHosts;
import dev.railyard.api.security.Sessions;
import dev.railyard.api.security.TokenStore;
import java.util.Objects;

/**
 * What the API checks before any route runs.
 *
 * @param tokens the tokens that may call it
 * @param sessions the browser sessions of people who logged in with a token
 * @param hosts the names the API may be reached under
 */
public record ApiSecurity(TokenStore tokens, Sessions sessions, AllowedHosts hosts) {

  public ApiSecurity {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(sessions, "sessions");
    Objects.requireNonNull(hosts, "hosts");
  }
}
