package dev.railyard.host.security;

import dev.railyard.api.ApiOptions;
import dev.railyard.api.ApiSecurity;
import dev.railyard.api.RequestBounds;
import dev.railyard.api.security.AllowedHosts;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Sessions;
import dev.railyard.api.security.TokenStore;
import dev.railyard.host.config.HttpConfig;
import dev.railyard.host.config.LimitsConfig;
import dev.railyard.host.config.RailyardConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds what the API checks every request against from the host's settings. Tokens are kept in
 * {@code <data.dir>/tokens.json} (hashes only, and the sealed secret keys of AWS key pairs, whose
 * key is in {@code tokens.json.key}); on the first start an admin token is written to {@code
 * <data.dir>/admin.token}, readable by its owner only, and only that file's path is logged.
 */
public final class ApiAccess {

  /** The file the first admin token is written to, under the data directory. */
  public static final String ADMIN_TOKEN_FILE = "admin.token";

  static final String TOKENS_FILE = "tokens.json";
  private static final Logger LOG = LoggerFactory.getLogger(ApiAccess.class);

  private ApiAccess() {}

  /** The admin token file of a data directory. */
  public static Path adminTokenFile(Path dataDir) {
    return dataDir.resolve(ADMIN_TOKEN_FILE);
  }

  /**
   * Opens the token store, making the first admin token when there is none yet.
   *
   * @param audit where every state-changing call is recorded
   */
  public static ApiSecurity open(RailyardConfig config, Path dataDir, AuditTrail audit) {
    TokenStore tokens = TokenStore.open(dataDir.resolve(TOKENS_FILE));
    Path adminToken = adminTokenFile(dataDir);
    if (tokens.createFirstAdmin(adminToken)) {
      LOG.info("Created the first admin token; it is in {} (readable by you only)", adminToken);
    } else {
      LOG.info("{} token(s) in {}", tokens.list().size(), tokens.file());
    }
    RateLimits limits =
        new RateLimits(
            config.getDouble(HttpConfig.EVENTS_RATE_CONFIG),
            config.getDouble(HttpConfig.WRITES_RATE_CONFIG));
    return new ApiSecurity(tokens, new Sessions(), hosts(config), limits, audit);
  }

  /** Where and how the API listens, with the port already checked to be free. */
  public static ApiOptions options(RailyardConfig config, int port) {
    return new ApiOptions(
        config.getString(RailyardConfig.HTTP_HOST_CONFIG),
        port,
        config.getLong(RailyardConfig.HTTP_MAX_BODY_CONFIG),
        config.getInt(HttpConfig.IDLE_TIMEOUT_CONFIG),
        config.getInt(HttpConfig.MAX_CONNECTIONS_CONFIG),
        config.getInt(HttpConfig.MAX_HEADER_CONFIG),
        config.getString(HttpConfig.TLS_CERT_CONFIG),
        config.getString(HttpConfig.TLS_KEY_CONFIG),
        new RequestBounds(
            config.getInt(LimitsConfig.EVENT_ENTRIES_CONFIG),
            config.getInt(LimitsConfig.EVENT_BYTES_CONFIG),
            config.getInt(LimitsConfig.UPLOADS_CONFIG)));
  }

  static AllowedHosts hosts(RailyardConfig config) {
    List<String> names = new ArrayList<>(config.getList(HttpConfig.ALLOWED_HOSTS_CONFIG));
    if (names.isEmpty()) {
      names.add(config.getString(RailyardConfig.HTTP_HOST_CONFIG));
      names.add("localhost");
    }
    return new AllowedHosts(names);
  }
}
