package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.security.Role;
import dev.railyard.api.security.Token;
import dev.railyard.api.security.TokenStore.KeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SigV4 verification against requests of AWS's published Signature Version 4 test suite
 * (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service").
 */
class SigV4Test {

  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String SCOPE =
      "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
  private static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
  private static final Token TOKEN = new Token("t1", "suite", Role.EDITOR, null, AT, "00", KEY_ID);

  private final SigV4 sigV4 = verifier(AT);

  @Test
  void shouldVerifyTheTestSuitesVanillaRequests() {
    assertThat(
            sigV4.verify(
                request(
                    "GET",
                    null,
                    "",
                    Map.of(),
                    "host;x-amz-date",
                    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")))
        .satisfies(v -> assertThat(v.region()).isEqualTo("us-east-1"))
        .satisfies(v -> assertThat(v.key().token()).isEqualTo(TOKEN));
    sigV4.verify(
        request(
            "POST",
            null,
            "",
            Map.of(),
            "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
  }

  @Test
  void shouldSortTheQueryAndLowerCaseSignedHeaders() {
    sigV4.verify(
        request(
            "GET",
            "Param2=value2&Param1=value1",
            "",
            Map.of(),
            "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
    sigV4.verify(
        request(
            "POST",
            null,
            "",
            Map.of("my-header1", "VALUE1"),
            "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"));
  }

  @Test
  void shouldRefuseABodyChangedAfterSigning() {
    SigV4.Request changed =
        request(
            "POST",
            null,
            "{\"changed\":true}",
            Map.of(),
            "host;x-amz-date",
            "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");

    assertThatThrownBy(() -> sigV4.verify(changed))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type()).isEqualTo("InvalidSignatureException"))
        .hasMessageContaining("does not match")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void shouldRefuseAnUnknownKeyAMissingSignatureAndAMalformedOne() {
    SigV4.Request vanilla = request("GET", null, "", Map.of(), "host;x-amz-date", "0".repeat(64));
    Map<String, List<String>> other = new HashMap<>(vanilla.headers());
    other.put(
        "authorization", List.of(other.get("authorization").get(0).replace(KEY_ID, "AKIDUNKNOWN")));
    SigV4.Request unknown = new SigV4.Request("GET", "/", null, other, new byte[0]);
    SigV4.Request unsigned = new SigV4.Request("GET", "/", null, headers(Map.of()), new byte[0]);
    SigV4.Request malformed =
        new SigV4.Request(
            "GET",
            "/",
            null,
            headers(Map.of("authorization", "AWS4-HMAC-SHA256 nonsense")),
            new byte[0]);

    assertThat(typeOf(unknown)).isEqualTo("UnrecognizedClientException");
    assertThat(typeOf(unsigned)).isEqualTo("MissingAuthenticationTokenException");
    assertThat(typeOf(malformed)).isEqualTo("IncompleteSignatureException");
  }

  @Test
  void shouldRefuseARequestMoreThanFifteenMinutesFromTheClock() {
    SigV4.Request vanilla =
        request(
            "GET",
            null,
            "",
            Map.of(),
            "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

    verifier(AT.plusSeconds(14 * 60)).verify(vanilla);
    assertThatThrownBy(() -> verifier(AT.plusSeconds(16 * 60)).verify(vanilla))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith("Signature expired");
  }

  @Test
  void shouldRefuseAScopeOfAnotherServiceAndUnsignedHost() {
    SigV4.Request otherService =
        request("GET", null, "", Map.of(), "host;x-amz-date", "0".repeat(64));
    SigV4 events = new SigV4(id -> Optional.empty(), Clock.fixed(AT, ZoneOffset.UTC), "events");
    SigV4.Request hostUnsigned = request("GET", null, "", Map.of(), "x-amz-date", "0".repeat(64));

    assertThatThrownBy(() -> events.verify(otherService)).hasMessageContaining("names the service");
    assertThatThrownBy(() -> sigV4.verify(hostUnsigned))
        .hasMessageContaining("SignedHeaders must include host and x-amz-date");
  }

  private static String typeOf(SigV4.Request request) {
    try {
      verifier(AT).verify(request);
      throw new AssertionError("verified");
    } catch (AwsException e) {
      return e.type();
    }
  }

  private static SigV4 verifier(Instant now) {
    return new SigV4(
        id -> id.equals(KEY_ID) ? Optional.of(new KeyPair(TOKEN, SECRET)) : Optional.empty(),
        Clock.fixed(now, ZoneOffset.UTC),
        "service");
  }

  private static SigV4.Request request(
      String method,
      String query,
      String body,
      Map<String, String> extra,
      String signed,
      String signature) {
    Map<String, String> h = new HashMap<>(extra);
    h.put("host", "example.amazonaws.com");
    h.put("x-amz-date", "20150830T123600Z");
    h.put("authorization", authorization(signed, signature));
    return new SigV4.Request(method, "/", query, headers(h), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String authorization(String signed, String signature) {
    return "AWS4-HMAC-SHA256 " + SCOPE + ", SignedHeaders=" + signed + ", Signature=" + signature;
  }

  private static Map<String, List<String>> headers(Map<String, String> headers) {
    Map<String, List<String>> out = new HashMap<>();
    headers.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }
}
