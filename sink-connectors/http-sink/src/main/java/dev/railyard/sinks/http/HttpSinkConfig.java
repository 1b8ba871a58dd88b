package dev.railyard.sinks.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The HTTP sink's settings: where records go and how. Every key is typed, validated and documented
 * here, so Connect's validate endpoint reports a bad value against its key. Immutable.
 */
public class HttpSinkConfig extends AbstractConfig {

  public static final String URL_CONFIG = "http.url";
  public static final String URL_DOC =
      "The absolute http:// or https:// URL each record is sent to, for example "
          + "https://hooks.example.com/orders. Redirects are not followed.";

  public static final String METHOD_CONFIG = "http.method";
  public static final String METHOD_DEFAULT = "POST";
  public static final String METHOD_DOC =
      "The HTTP method of each request: POST or PUT. The record's value is the request body.";

  public static final String HEADERS_CONFIG = "http.headers";
  public static final String HEADERS_DEFAULT = "";
  public static final String HEADERS_DOC =
      "Headers sent with every request, as comma-separated 'Name: value' pairs, for example "
          + "'Authorization: Bearer ${file:/run/secrets/hook.properties:token}, X-Team: billing'. "
          + "A value cannot hold a comma. Content-Type comes from http.content.type; Host, "
          + "Content-Length, Connection, Expect and Upgrade are set by the HTTP client.";

  public static final String AUTHORIZATION_CONFIG = "http.authorization";
  public static final String AUTHORIZATION_DOC =
      "The Authorization header of every request, for example 'Bearer abc123'. A password: "
          + "Railyard masks it in every answer and Connect keeps it out of its logs; prefer it to "
          + "http.headers for credentials.";

  public static final String TIMEOUT_MS_CONFIG = "http.timeout.ms";
  public static final int TIMEOUT_MS_DEFAULT = 10_000;
  public static final String TIMEOUT_MS_DOC =
      "How long to wait for a connection, and then for the answer to each request, in "
          + "milliseconds. A request that times out is retried under the target's retry policy.";

  public static final String CONTENT_TYPE_CONFIG = "http.content.type";
  public static final String CONTENT_TYPE_DEFAULT = "application/json";
  public static final String CONTENT_TYPE_DOC =
      "The Content-Type header of each request, a media type such as application/json or "
          + "'text/plain; charset=utf-8'.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(
              URL_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new UrlValidator(),
              Importance.HIGH,
              URL_DOC)
          .define(
              METHOD_CONFIG,
              Type.STRING,
              METHOD_DEFAULT,
              ConfigDef.ValidString.in("POST", "PUT"),
              Importance.MEDIUM,
              METHOD_DOC)
          .define(
              HEADERS_CONFIG,
              Type.LIST,
              HEADERS_DEFAULT,
              new HeadersValidator(),
              Importance.MEDIUM,
              HEADERS_DOC)
          .define(
              AUTHORIZATION_CONFIG,
              Type.PASSWORD,
              null,
              new AuthorizationValidator(),
              Importance.MEDIUM,
              AUTHORIZATION_DOC)
          .define(
              TIMEOUT_MS_CONFIG,
              Type.INT,
              TIMEOUT_MS_DEFAULT,
              ConfigDef.Range.atLeast(1),
              Importance.MEDIUM,
              TIMEOUT_MS_DOC)
          .define(
              CONTENT_TYPE_CONFIG,
              Type.STRING,
              CONTENT_TYPE_DEFAULT,
              new MediaTypeValidator(),
              Importance.LOW,
              CONTENT_TYPE_DOC);

  /**
   * @throws ConfigException naming the key, the value and what would be valid
   */
  public HttpSinkConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props);
  }

  public URI url() {
    return URI.create(getString(URL_CONFIG).strip());
  }

  public String method() {
    return getString(METHOD_CONFIG);
  }

  /** The configured headers in order, as name and value; a name may repeat. Never null. */
  public List<Map.Entry<String, String>> headers() {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String pair : getList(HEADERS_CONFIG)) {
      int colon = pair.indexOf(':');
      headers.add(Map.entry(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip()));
    }
    Password authorization = getPassword(AUTHORIZATION_CONFIG);
    if (authorization != null && !authorization.value().isBlank()) {
      headers.add(Map.entry("Authorization", authorization.value().strip()));
    }
    return headers;
  }

  public Duration timeout() {
    return Duration.ofMillis(getInt(TIMEOUT_MS_CONFIG));
  }

  public String contentType() {
    return getString(CONTENT_TYPE_CONFIG).strip();
  }

  private static final class AuthorizationValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value instanceof Password p && HttpSyntax.hasControlCharacter(p.value())) {
        // the value is a secret: say what is wrong without repeating it
        throw new ConfigException(
            name + " must be one line without control characters, such as 'Bearer abc123'");
      }
    }
  }

  private static final class UrlValidator implements ConfigDef.Validator {
    private static final String EXPECTED =
        "must be an absolute http:// or https:// URL such as https://hooks.example.com/orders";

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        throw new ConfigException(name, null, EXPECTED);
      }
      URI uri;
      try {
        uri = new URI(((String) value).strip());
      } catch (URISyntaxException e) {
        throw new ConfigException(name, value, EXPECTED + "; " + e.getMessage());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute()
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new ConfigException(name, value, EXPECTED);
      }
      try {
        HttpRequest.newBuilder(uri);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name, value, EXPECTED + "; " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "an absolute http:// or https:// URL";
    }
  }

  /** Errors name the entry and the header, never the value, which may be a secret. */
  private static final class HeadersValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        return;
      }
      List<?> pairs = (List<?>) value;
      for (int i = 0; i < pairs.size(); i++) {
        String pair = String.valueOf(pairs.get(i));
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw new ConfigException(
              name,
              "(entry " + (i + 1) + " of " + pairs.size() + ")",
              "an entry without ':'; write headers as comma-separated 'Name: value' pairs, "
                  + "e.g. 'X-Team: billing, X-Source: railyard'");
        }
        String header = pair.substring(0, colon).strip();
        if (!HttpSyntax.isToken(header)) {
          throw new ConfigException(
              name,
              "'" + header + "'",
              "not a valid header name in entry "
                  + (i + 1)
                  + "; a name holds letters, digits and !#$%&'*+.^_`|~- only");
        }
        if (HttpSyntax.hasControlCharacter(pair.substring(colon + 1))) {
          throw new ConfigException(
              name,
              header,
              "the value of this header holds a control character (such as a line break)");
        }
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.equals("content-type")) {
          throw new ConfigException(
              name, header, "set Content-Type with " + CONTENT_TYPE_CONFIG + ", not in " + name);
        }
        if (HttpSyntax.CLIENT_HEADERS.contains(lower)) {
          throw new ConfigException(
              name, header, "the HTTP client sets this header itself; remove it from " + name);
        }
      }
    }

    @Override
    public String toString() {
      return "comma-separated 'Name: value' pairs";
    }
  }

  private static final class MediaTypeValidator implements ConfigDef.Validator {
    private static final Pattern MEDIA_TYPE =
        Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?");

    @Override
    public void ensureValid(String name, Object value) {
      String type = value == null ? "" : ((String) value).strip();
      if (!MEDIA_TYPE.matcher(type).matches() || HttpSyntax.hasControlCharacter(type)) {
        throw new ConfigException(
            name,
            value,
            "must be a media type such as application/json or 'text/plain; charset=utf-8'");
      }
    }

    @Override
    public String toString() {
      return "a media type, type/subtype[; parameters]";
    }
  }
}
