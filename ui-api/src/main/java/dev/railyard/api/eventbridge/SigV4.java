package dev.railyard.api.eventbridge;

import dev.railyard.api.security.TokenStore.KeyPair;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 Credential=<key
 * id>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., Signature=...}) as AWS documents
 * it: the canonical request (method, URI, sorted query, signed headers lower-cased and trimmed,
 * SHA-256 of the payload), the string to sign, and the HMAC-SHA256 chain from {@code "AWS4" +
 * secret} through date, region, service and {@code aws4_request}. The request time ({@code
 * X-Amz-Date}) must be within {@link #SKEW} of the clock and on the credential's date, and {@code
 * host} and {@code x-amz-date} must be signed. Refusals are {@link AwsException}s with AWS's codes;
 * none holds a secret. Thread-safe.
 */
final class SigV4 {

  /** How far a request's time may be from the clock, as AWS allows. */
  static final Duration SKEW = Duration.ofMinutes(15);

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          ALGORITHM
              + "\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,"
              + "\\s*SignedHeaders=([a-z0-9;._-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");

  /**
   * A request as it arrived.
   *
   * @param rawPath the path as sent (still percent-encoded)
   * @param rawQuery the query as sent, or null
   * @param headers by lower-case name, every value of each
   */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {}

  /** A verified request: the key pair that signed it and the region it was signed for. */
  record Verified(KeyPair key, String region) {}

  private final Function<String, Optional<KeyPair>> keys;
  private final Clock clock;
  private final String service;

  /**
   * @param keys the key pair of an access key id, if one is known
   * @param service the service name the credential scope must name, {@code events}
   */
  SigV4(Function<String, Optional<KeyPair>> keys, Clock clock, String service) {
    this.keys = keys;
    this.clock = clock;
    this.service = service;
  }

  /**
   * @throws AwsException {@code MissingAuthenticationTokenException} without an {@code
   *     Authorization} header, {@code IncompleteSignatureException} for a malformed one, {@code
   *     UnrecognizedClientException} for an unknown key id, {@code InvalidSignatureException} for a
   *     wrong signature, scope or time
   */
  Verified verify(Request request) {
    String authorization = first(request, "authorization");
    if (authorization == null) {
      throw new AwsException(
          403,
          "MissingAuthenticationTokenException",
          "The request is not signed: sign it with SigV4 and a key pair Railyard issued"
              + " (POST /api/v1/tokens with \"kind\": \"aws\")");
    }
    Matcher m = AUTHORIZATION.matcher(authorization);
    if (!m.matches()) {
      throw new AwsException(
          400,
          "IncompleteSignatureException",
          "The Authorization header must be '"
              + ALGORITHM
              + " Credential=<key id>/<yyyyMMdd>/<region>/"
              + service
              + "/aws4_request, SignedHeaders=<names>, Signature=<64 hex digits>'");
    }
    String keyId = m.group(1);
    String date = m.group(2);
    String region = m.group(3);
    List<String> signed = Arrays.asList(m.group(5).split(";"));
    if (!m.group(4).equals(service)) {
      throw invalid("the credential scope names the service '" + m.group(4) + "', not " + service);
    }
    if (!signed.contains("host") || !signed.contains("x-amz-date")) {
      throw invalid("SignedHeaders must include host and x-amz-date, got " + m.group(5));
    }
    String amzDate = first(request, "x-amz-date");
    checkTime(amzDate, date);
    KeyPair key =
        keys.apply(keyId)
            .orElseThrow(
                () ->
                    new AwsException(
                        403,
                        "UnrecognizedClientException",
                        "The access key id '"
                            + keyId
                            + "' is not known: it is mistyped or was revoked"));
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String expected = signature(key.secretKey(), amzDate, scope, canonicalRequest(request, signed));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        m.group(6).getBytes(StandardCharsets.US_ASCII))) {
      throw invalid(
          "The request signature does not match: check the secret key and that the request"
              + " was not changed after signing");
    }
    return new Verified(key, region);
  }

  private void checkTime(String amzDate, String scopeDate) {
    Instant at;
    try {
      at = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
    } catch (DateTimeParseException e) {
      throw invalid("X-Amz-Date must be a time such as 20261203T120000Z, got " + amzDate);
    }
    if (!amzDate.startsWith(scopeDate)) {
      throw invalid("the credential scope's date " + scopeDate + " is not X-Amz-Date's day");
    }
    Instant now = clock.instant();
    if (Duration.between(at, now).abs().compareTo(SKEW) > 0) {
      throw invalid(
          "Signature expired: the request time "
              + amzDate
              + " is more than "
              + SKEW.toMinutes()
              + " minutes from the server's time "
              + AMZ_DATE.format(now));
    }
  }

  /** The canonical request of AWS's algorithm, over the headers named in {@code signed}. */
  static String canonicalRequest(Request request, List<String> signed) {
    StringBuilder out = new StringBuilder();
    out.append(request.method()).append('\n');
    out.append(canonicalUri(request.rawPath())).append('\n');
    out.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signed) {
      List<String> values = request.headers().getOrDefault(name, List.of());
      List<String> trimmed = new ArrayList<>();
      values.forEach(v -> trimmed.add(v.trim().replaceAll("\\s+", " ")));
      out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    out.append('\n').append(String.join(";", signed)).append('\n');
    out.append(hex(sha256(request.body())));
    return out.toString();
  }

  /** The signature of a canonical request, hex. */
  static String signature(String secretKey, String amzDate, String scope, String canonicalRequest) {
    String toSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    String[] parts = scope.split("/");
    byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    for (String part : parts) {
      key = hmac(key, part);
    }
    return hex(hmac(key, toSign));
  }

  // every service but S3 encodes each path segment once more, over the client's own encoding
  private static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(encode(segments[i]));
    }
    return out.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      pairs.add(new String[] {encode(name), encode(value)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> joined = new ArrayList<>();
    pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
    return String.join("&", joined);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String first(Request request, String name) {
    List<String> values = request.headers().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static AwsException invalid(String message) {
    return new AwsException(403, "InvalidSignatureException", message);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no HmacSHA256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
