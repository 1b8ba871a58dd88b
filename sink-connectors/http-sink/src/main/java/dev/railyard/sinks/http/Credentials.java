package dev.railyard.sinks.http;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * What authenticates a request: one header, fixed or (OAuth2) fetched and cached. Implementations
 * are thread-safe, and their {@code toString} never shows a secret.
 */
interface Credentials {

  /** A header that authenticates; its {@code toString} hides the value. */
  record AuthHeader(String name, String value) {
    @Override
    public String toString() {
      return name + ": ********";
    }
  }

  /** No header. */
  Credentials NONE =
      new Credentials() {
        @Override
        public CompletableFuture<AuthHeader> header() {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public String toString() {
          return "no authentication";
        }
      };

  /** The header to send, name and value; null for none. May complete later (a token fetch). */
  CompletableFuture<AuthHeader> header();

  /**
   * Called when the endpoint answered 401 to a request sent with {@code used}: whether a new header
   * is worth one more try (the next {@link #header} fetches it).
   */
  default boolean renew(AuthHeader used) {
    return false;
  }

  /** The credentials the config's http.auth.* keys describe. */
  static Credentials of(AbstractConfig config, HttpClient client, Clock clock, Duration timeout) {
    String type = config.getString(HttpAuthConfig.TYPE_CONFIG);
    return switch (type) {
      case "basic" ->
          fixed(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (config.getString(HttpAuthConfig.USERNAME_CONFIG)
                                  + ":"
                                  + config.getPassword(HttpAuthConfig.PASSWORD_CONFIG).value())
                              .getBytes(StandardCharsets.UTF_8)),
              type);
      case "bearer" ->
          fixed(
              "Authorization",
              "Bearer " + config.getPassword(HttpAuthConfig.TOKEN_CONFIG).value().strip(),
              type);
      case "api.key" ->
          fixed(
              config.getString(HttpAuthConfig.API_KEY_HEADER_CONFIG).strip(),
              config.getPassword(HttpAuthConfig.API_KEY_CONFIG).value().strip(),
              type);
      case "oauth2" -> new OAuth2Token(config, client, clock, timeout);
      default -> NONE;
    };
  }

  private static Credentials fixed(String name, String value, String type) {
    AuthHeader header = new AuthHeader(name, value);
    return new Credentials() {
      @Override
      public CompletableFuture<AuthHeader> header() {
        return CompletableFuture.completedFuture(header);
      }

      @Override
      public String toString() {
        return type + " authentication in " + name;
      }
    };
  }
}
