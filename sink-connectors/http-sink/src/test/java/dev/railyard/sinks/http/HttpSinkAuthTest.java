package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each kind of authentication at a real endpoint, OAuth2 with a real token endpoint. */
class HttpSinkAuthTest {

  private static final String SECRET = "s3cret-Zq9";

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();
  @RegisterExtension final LocalEndpoint tokens = new LocalEndpoint();

  private final MovingClock clock = new MovingClock();
  private final HttpSinkTask task = new HttpSinkTask(clock);

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void shouldSendBasicBearerAndApiKeyHeaders() throws Exception {
    start(
        Map.of(
            "http.auth.type", "basic", "http.auth.username", "ops", "http.auth.password", SECRET));
    task.put(Events.of(1, 1));
    assertThat(endpoint.next().headers().getFirst("Authorization"))
        .isEqualTo("Basic " + base64("ops:" + SECRET));
    task.stop();

    start(Map.of("http.auth.type", "bearer", "http.auth.token", SECRET));
    task.put(Events.of(1, 1));
    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer " + SECRET);
    task.stop();

    start(
        Map.of(
            "http.auth.type", "api.key",
            "http.auth.api.key.header", "x-functions-key",
            "http.auth.api.key", SECRET));
    task.put(Events.of(1, 1));
    LocalEndpoint.Request request = endpoint.next();
    assertThat(request.headers().getFirst("x-functions-key")).isEqualTo(SECRET);
    assertThat(request.headers()).doesNotContainKey("Authorization");
  }

  @Test
  void shouldFetchAnOAuth2TokenOnceAndUseItForEveryRequest() throws Exception {
    // given
    tokens.answer(
        200, "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    startOAuth2();

    // when three puts go, with requests in flight
    task.put(Events.of(5, 5));
    task.put(Events.of(5, 5));

    // then one token request authenticated the client, and every request carried its token
    LocalEndpoint.Request token = tokens.next();
    assertThat(tokens.pending()).isZero();
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.headers().getFirst("Authorization"))
        .isEqualTo("Basic " + base64("railyard:" + SECRET));
    assertThat(token.headers().getFirst("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=events.write+billing");
    assertThat(endpoint.drain())
        .hasSize(10)
        .allSatisfy(
            r -> assertThat(r.headers().getFirst("Authorization")).isEqualTo("Bearer tok-1"));
  }

  @Test
  void shouldFetchANewTokenShortlyBeforeTheOldOneExpires() throws Exception {
    tokens.answer(200, "{\"access_token\":\"tok-1\",\"expires_in\":600}");
    tokens.answer(200, "{\"access_token\":\"tok-2\",\"expires_in\":600}");
    startOAuth2();
    task.put(Events.of(1, 1));

    // when the clock passes the token's life less the 30 s margin
    clock.advance(Duration.ofSeconds(571));
    task.put(Events.of(1, 1));

    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer tok-2");
  }

  @Test
  void shouldRenewTheTokenOnceWhenTheEndpointAnswers401() throws Exception {
    // given a token the endpoint stops taking
    tokens.answer(200, "{\"access_token\":\"tok-1\",\"expires_in\":3600}");
    tokens.answer(200, "{\"access_token\":\"tok-2\",\"expires_in\":3600}");
    endpoint.answer(401, "token revoked");
    startOAuth2();

    // when
    task.put(Events.of(1, 1));

    // then the request went again with a new token, and did not fail
    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(endpoint.next().headers().getFirst("Authorization")).isEqualTo("Bearer tok-2");
    tokens.next();
    tokens.next();
  }

  @Test
  void shouldRefuseARecordAfterA401WithAFreshToken() throws Exception {
    tokens.answer(200, "{\"access_token\":\"tok-1\",\"expires_in\":3600}");
    tokens.answer(200, "{\"access_token\":\"tok-2\",\"expires_in\":3600}");
    endpoint.answer(401, "no");
    endpoint.answer(401, "still no");
    startOAuth2();

    assertThatThrownBy(() -> task.put(Events.of(1, 1)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("answered 401: still no");
    endpoint.next();
    endpoint.next();
    assertThat(endpoint.pending()).as("one renewal only").isZero();
  }

  @Test
  void shouldRetryWhenTheTokenEndpointRefusesWithoutShowingTheSecret() {
    tokens.answer(401, "{\"error\":\"invalid_client\"}");
    startOAuth2();

    assertThatThrownBy(() -> task.put(Events.of(1, 1)))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("token endpoint " + tokens.url("/oauth2/token"))
        .hasMessageContaining("answered 401")
        .hasMessageContaining("invalid_client")
        .hasMessageNotContaining(SECRET);
    assertThat(endpoint.pending()).isZero();
  }

  @Test
  void shouldNameTheMissingKeyOfAnAuthType() {
    assertThatThrownBy(
            () -> start(Map.of("http.auth.type", "oauth2", "http.auth.oauth2.client.id", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.auth.oauth2.token.url")
        .hasMessageContaining("must be set when http.auth.type=oauth2");
    assertThatThrownBy(
            () ->
                start(
                    Map.of(
                        "http.auth.type",
                        "bearer",
                        "http.auth.token",
                        SECRET,
                        "http.authorization",
                        SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.authorization")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void shouldMaskEverySecretInTheConfigAndTheCredentials() {
    Map<String, String> props = oauth2Props();
    props.put("http.auth.password", SECRET + "-p");
    props.put("http.auth.api.key", SECRET + "-k");
    props.put("http.auth.token", SECRET + "-t");
    HttpSinkConfig config = new HttpSinkConfig(props);

    assertThat(config.values().toString()).doesNotContain(SECRET);
    assertThat(config.originalsStrings().keySet()).contains("http.auth.oauth2.client.secret");
    assertThat(Credentials.of(config, null, clock, Duration.ofSeconds(1)).toString())
        .doesNotContain(SECRET);
    assertThat(new Credentials.AuthHeader("Authorization", "Bearer " + SECRET).toString())
        .doesNotContain(SECRET);
    for (String key :
        new String[] {
          "http.auth.password",
          "http.auth.token",
          "http.auth.api.key",
          "http.auth.oauth2.client.secret"
        }) {
      assertThat(HttpSinkConfig.CONFIG_DEF.configKeys().get(key).type)
          .as(key)
          .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }
  }

  private void startOAuth2() {
    start(oauth2Props());
  }

  private Map<String, String> oauth2Props() {
    Map<String, String> props = new HashMap<>();
    props.put("http.auth.type", "oauth2");
    props.put("http.auth.oauth2.token.url", tokens.url("/oauth2/token").toString());
    props.put("http.auth.oauth2.client.id", "railyard");
    props.put("http.auth.oauth2.client.secret", SECRET);
    props.put("http.auth.oauth2.scope", "events.write billing");
    props.put(HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, "4");
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    return props;
  }

  private void start(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    task.start(props);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A clock a test moves on by hand. */
  private static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-03T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
