package dev.railyard.sinks.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The validators of {@link HttpSinkConfig}'s keys. Errors never repeat a secret. Stateless. */
final class HttpValidators {

  private HttpValidators() {}

  static final class AuthorizationValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value instanceof Password p && HttpSyntax.hasControlCharacter(p.value())) {
        // the value is a secret: say what is wrong without repeating it
        throw new ConfigException(name + " must be one line without control characters");
      }
    }
  }

  /** An absolute http(s) URL; with templates, one whose path and query may hold placeholders. */
  static final class UrlValidator implements ConfigDef.Validator {
    private static final String EXPECTED =
        "must be an absolute http:// or https:// URL such as https://hooks.example.com/orders";

    private final boolean templates;

    UrlValidator() {
      this(false);
    }

    UrlValidator(boolean templates) {
      this.templates = templates;
    }

    @Override
    public void ensureValid(String name, Object value) {
      if (value == null) {
        throw new ConfigException(name, null, EXPECTED);
      }
      String url = ((String) value).strip();
      if (templates) {
        url = checkPlaceholders(name, url);
      }
      URI uri;
      try {
        uri = new URI(url);
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

    /** The URL with each placeholder as x, once every placeholder is known and in place. */
    private static String checkPlaceholders(String name, String url) {
      java.util.regex.Matcher m = UrlTemplate.PLACEHOLDER.matcher(url);
      int scheme = url.indexOf("://");
      int authorityEnd = scheme < 0 ? url.length() : url.length();
      if (scheme >= 0) {
        for (int i = scheme + 3; i < url.length(); i++) {
          if (url.charAt(i) == '/' || url.charAt(i) == '?') {
            authorityEnd = i;
            break;
          }
        }
      }
      while (m.find()) {
        String problem = UrlTemplate.problem(m.group(1));
        if (problem != null) {
          throw new ConfigException(name, url, problem);
        }
        if (m.start() < authorityEnd) {
          throw new ConfigException(
              name,
              url,
              "placeholders may be in the path and query only, not in the scheme, host or port");
        }
      }
      return UrlTemplate.sample(url);
    }

    @Override
    public String toString() {
      return templates
          ? "an absolute http:// or https:// URL, its path and query with placeholders "
              + UrlTemplate.FORMS
          : "an absolute http:// or https:// URL";
    }
  }

  /** Errors name the entry and the header, never the value, which may be a secret. */
  static final class HeadersValidator implements ConfigDef.Validator {
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
              name,
              header,
              "set Content-Type with " + HttpSinkConfig.CONTENT_TYPE_CONFIG + ", not in " + name);
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

  static final class MediaTypeValidator implements ConfigDef.Validator {
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

  /** A plain value on one line (user names, client ids, scopes). */
  static final class LineValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value != null && HttpSyntax.hasControlCharacter(value.toString())) {
        throw new ConfigException(name, value, "must be one line without control characters");
      }
    }

    @Override
    public String toString() {
      return "one line of text";
    }
  }

  static final class HeaderNameValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String header = value == null ? "" : value.toString().strip();
      if (!HttpSyntax.isToken(header)
          || HttpSyntax.CLIENT_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(
            name, value, "must be a header name such as X-API-Key (letters, digits, -)");
      }
    }

    @Override
    public String toString() {
      return "a header name";
    }
  }

  /** Empty, or what {@link UrlValidator} accepts. */
  static final class OptionalUrlValidator implements ConfigDef.Validator {
    private final UrlValidator url = new UrlValidator();

    @Override
    public void ensureValid(String name, Object value) {
      if (value != null && !value.toString().isBlank()) {
        url.ensureValid(name, value);
      }
    }

    @Override
    public String toString() {
      return "empty, or " + url;
    }
  }
}
