package dev.railyard.host.connectors;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which config values are secrets and hides them. A key is secret when the connector
 * declares it of type PASSWORD, or when its name says so: a part named password, passwd, pwd,
 * secret, token, credentials or apikey, or a name ending in {@code .key}, {@code _key} or {@code
 * -key} (so {@code aws.secret.access.key} is masked but {@code key.converter} is not).
 * Config-provider references such as {@code ${file:/run/secrets/db:password}} are not secrets and
 * stay visible. Stateless.
 */
public final class SecretMasking {

  public static final String MASK = "********";

  private static final Set<String> SECRET_PARTS =
      Set.of(
          "password", "passwd", "pwd", "secret", "token", "credentials", "apikey", "authorization");
  private static final Pattern PARTS = Pattern.compile("[._\\-]");
  private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[^}]+}");

  private SecretMasking() {}

  public static boolean isSecretName(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String part : PARTS.split(k)) {
      if (SECRET_PARTS.contains(part)) {
        return true;
      }
    }
    return k.endsWith(".key") || k.endsWith("_key") || k.endsWith("-key");
  }

  /**
   * A copy of {@code config} with secret values replaced by {@value #MASK}.
   *
   * @param passwordKeys the keys the connector declares as PASSWORD, never null
   */
  public static Map<String, String> mask(Map<String, String> config, Set<String> passwordKeys) {
    Map<String, String> masked = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> masked.put(key, isSecret(key, value, passwordKeys) ? MASK : value));
    return masked;
  }

  private static boolean isSecret(String key, String value, Set<String> passwordKeys) {
    if (value == null || value.isEmpty() || PROVIDER_REFERENCE.matcher(value).matches()) {
      return false;
    }
    return passwordKeys.contains(key) || isSecretName(key);
  }
}
