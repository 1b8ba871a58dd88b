package dev.railyard.sinks.http;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The HTTP sink's authentication keys, part of {@link HttpSinkConfig#CONFIG_DEF}. Every secret is a
 * password: Connect and Railyard mask it in every answer and log, and no error repeats it.
 */
public final class HttpAuthConfig {

  public static final String TYPE_CONFIG = "http.auth.type";
  public static final String TYPE_DEFAULT = "none";
  public static final String TYPE_DOC =
      "How requests authenticate: none (the default; http.authorization still applies), basic "
          + "(http.auth.username and http.auth.password), bearer (http.auth.token), api.key (the "
          + "http.auth.api.key in the header http.auth.api.key.header) or oauth2 (a client "
          + "credentials grant at http.auth.oauth2.token.url; the token is cached until shortly "
          + "before it expires, and fetched again once when the endpoint answers 401).";

  public static final String USERNAME_CONFIG = "http.auth.username";
  public static final String USERNAME_DOC = "The user name of basic authentication.";

  public static final String PASSWORD_CONFIG = "http.auth.password";
  public static final String PASSWORD_DOC = "The password of basic authentication; masked.";

  public static final String TOKEN_CONFIG = "http.auth.token";
  public static final String TOKEN_DOC =
      "The bearer token sent as 'Authorization: Bearer <token>'; masked.";

  public static final String API_KEY_HEADER_CONFIG = "http.auth.api.key.header";
  public static final String API_KEY_HEADER_DEFAULT = "X-API-Key";
  public static final String API_KEY_HEADER_DOC =
      "The header the API key goes in, a header name such as X-API-Key or x-functions-key.";

  public static final String API_KEY_CONFIG = "http.auth.api.key";
  public static final String API_KEY_DOC = "The API key sent in http.auth.api.key.header; masked.";

  public static final String OAUTH2_TOKEN_URL_CONFIG = "http.auth.oauth2.token.url";
  public static final String OAUTH2_TOKEN_URL_DOC =
      "The OAuth2 token endpoint, an absolute http:// or https:// URL, for example "
          + "https://login.example.com/oauth2/token.";

  public static final String OAUTH2_CLIENT_ID_CONFIG = "http.auth.oauth2.client.id";
  public static final String OAUTH2_CLIENT_ID_DOC =
      "The OAuth2 client id, sent with the secret as HTTP basic authentication to the token "
          + "endpoint (client_secret_basic).";

  public static final String OAUTH2_CLIENT_SECRET_CONFIG = "http.auth.oauth2.client.secret";
  public static final String OAUTH2_CLIENT_SECRET_DOC = "The OAuth2 client secret; masked.";

  public static final String OAUTH2_SCOPE_CONFIG = "http.auth.oauth2.scope";
  public static final String OAUTH2_SCOPE_DOC =
      "The scope asked for, space-separated; empty (the default) asks for none.";

  private HttpAuthConfig() {}

  static ConfigDef define(ConfigDef def) {
    ConfigDef.Validator secret = new HttpValidators.AuthorizationValidator();
    ConfigDef.Validator text = new HttpValidators.LineValidator();
    return def.define(
            TYPE_CONFIG,
            Type.STRING,
            TYPE_DEFAULT,
            ConfigDef.ValidString.in("none", "basic", "bearer", "api.key", "oauth2"),
            Importance.HIGH,
            TYPE_DOC)
        .define(USERNAME_CONFIG, Type.STRING, "", text, Importance.MEDIUM, USERNAME_DOC)
        .define(PASSWORD_CONFIG, Type.PASSWORD, null, secret, Importance.MEDIUM, PASSWORD_DOC)
        .define(TOKEN_CONFIG, Type.PASSWORD, null, secret, Importance.MEDIUM, TOKEN_DOC)
        .define(
            API_KEY_HEADER_CONFIG,
            Type.STRING,
            API_KEY_HEADER_DEFAULT,
            new HttpValidators.HeaderNameValidator(),
            Importance.LOW,
            API_KEY_HEADER_DOC)
        .define(API_KEY_CONFIG, Type.PASSWORD, null, secret, Importance.MEDIUM, API_KEY_DOC)
        .define(
            OAUTH2_TOKEN_URL_CONFIG,
            Type.STRING,
            "",
            new HttpValidators.OptionalUrlValidator(),
            Importance.MEDIUM,
            OAUTH2_TOKEN_URL_DOC)
        .define(
            OAUTH2_CLIENT_ID_CONFIG, Type.STRING, "", text, Importance.MEDIUM, OAUTH2_CLIENT_ID_DOC)
        .define(
            OAUTH2_CLIENT_SECRET_CONFIG,
            Type.PASSWORD,
            null,
            secret,
            Importance.MEDIUM,
            OAUTH2_CLIENT_SECRET_DOC)
        .define(OAUTH2_SCOPE_CONFIG, Type.STRING, "", text, Importance.LOW, OAUTH2_SCOPE_DOC);
  }

  /**
   * Checks that the keys the chosen type needs are set, and that http.authorization is not set
   * beside it.
   *
   * @throws ConfigException naming the missing key, never a secret's value
   */
  static void check(AbstractConfig config) {
    String type = config.getString(TYPE_CONFIG);
    Map<String, String[]> needs =
        Map.of(
            "basic", new String[] {USERNAME_CONFIG, PASSWORD_CONFIG},
            "bearer", new String[] {TOKEN_CONFIG},
            "api.key", new String[] {API_KEY_CONFIG},
            "oauth2",
                new String[] {
                  OAUTH2_TOKEN_URL_CONFIG, OAUTH2_CLIENT_ID_CONFIG, OAUTH2_CLIENT_SECRET_CONFIG
                });
    for (String key : needs.getOrDefault(type, new String[0])) {
      if (blank(config, key)) {
        throw new ConfigException(key, "(not set)", "must be set when " + TYPE_CONFIG + "=" + type);
      }
    }
    if (!type.equals("none") && !blank(config, HttpSinkConfig.AUTHORIZATION_CONFIG)) {
      throw new ConfigException(
          HttpSinkConfig.AUTHORIZATION_CONFIG,
          "(set)",
          "cannot be set beside " + TYPE_CONFIG + "=" + type + "; leave one of them");
    }
  }

  private static boolean blank(AbstractConfig config, String key) {
    Object value = config.values().get(key);
    if (value instanceof Password p) {
      return p.value().isBlank();
    }
    return value == null || value.toString().isBlank();
  }
}
