package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSinkConfigTest {

  private static final String URL = "https://hooks.example.com/orders";

  @Test
  void shouldApplyTheDefaults() {
    // when
    HttpSinkConfig config = config(Map.of());

    // then
    assertThat(config.url()).isEqualTo(URI.create(URL));
    assertThat(config.method()).isEqualTo("POST");
    assertThat(config.headers()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.contentType()).isEqualTo("application/json");
  }

  @Test
  void shouldKeepTodaysOneAtATimeSendingByDefault() {
    HttpSinkConfig config = config(Map.of());

    assertThat(config.batchMaxRecords()).isEqualTo(1);
    assertThat(config.maxInFlight()).isEqualTo(1);
    assertThat(config.taskRate()).isZero();
    assertThat(config.retryAfterMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.format()).isInstanceOf(RawFormat.class);
  }

  @Test
  void shouldGiveEachTaskItsShareOfTheRateAndBurst() {
    HttpSinkConfig config =
        config(
            Map.of(
                HttpSinkConfig.RATE_LIMIT_CONFIG, "300",
                HttpSinkConfig.RATE_LIMIT_BURST_CONFIG, "10",
                HttpSinkConfig.RATE_LIMIT_TASKS_CONFIG, "4"));

    assertThat(config.taskRate()).isEqualTo(75.0);
    assertThat(config.taskBurst()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http.batch.max.records=0|at least 1",
        "http.batch.max.records=10001|no more than 10000",
        "http.batch.max.bytes=0|at least 1",
        "http.max.in.flight=65|no more than 64",
        "http.retry.after.max.ms=-1|at least 0",
        "http.rate.limit.per.second=-1|at least 0",
        "http.rate.limit.burst=0|at least 1",
        "http.cloudevents.mode=json|raw, binary, structured, batched",
        "http.auth.type=digest|none, basic, bearer, api.key, oauth2",
        "http.auth.api.key.header=X Key|must be a header name",
        "http.auth.oauth2.token.url=login.example.com|must be an absolute http"
      })
  void shouldRejectABadValueNamingTheKeyAndWhatIsValid(String keyValueAndReason) {
    String[] parts = keyValueAndReason.split("[=|]");
    assertThatThrownBy(() -> config(Map.of(parts[0], parts[1])))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(parts[0])
        .hasMessageContaining(parts[2]);
  }

  @Test
  void shouldReadHeadersInOrderSplittingAtTheFirstColon() {
    // when
    HttpSinkConfig config =
        config(
            Map.of(
                HttpSinkConfig.HEADERS_CONFIG,
                "Authorization: Basic dXNlcjpwdw==:x , X-Team:billing"));

    // then
    assertThat(config.headers())
        .containsExactly(
            Map.entry("Authorization", "Basic dXNlcjpwdw==:x"), Map.entry("X-Team", "billing"));
  }

  @Test
  void shouldRejectAnAuthorizationThatSpansLinesWithoutEchoingIt() {
    assertThatThrownBy(
            () -> config(Map.of(HttpSinkConfig.AUTHORIZATION_CONFIG, "Bearer s3cret\r\nX-Evil: 1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.authorization must be one line")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRequireTheUrl() {
    assertThatThrownBy(() -> new HttpSinkConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hooks.example.com/orders",
        "/orders",
        "ftp://files.example.com/x",
        "http://",
        "https://exa mple.com/",
        "mailto:ops@example.com",
        ""
      })
  void shouldRejectAUrlThatIsNotAbsoluteHttpOrHttps(String url) {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.URL_CONFIG, url)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.url")
        .hasMessageContaining("must be an absolute http:// or https:// URL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8081/hook",
        "https://hooks.example.com/a?code=1",
        "HTTPS://Example.com"
      })
  void shouldAcceptHttpAndHttpsUrls(String url) {
    assertThat(config(Map.of(HttpSinkConfig.URL_CONFIG, url)).url()).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "DELETE", "post", ""})
  void shouldRejectAMethodOtherThanPostOrPut(String method) {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.METHOD_CONFIG, method)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.method")
        .hasMessageContaining("POST, PUT");
  }

  @Test
  void shouldRejectAHeaderNotWrittenAsNameAndValueWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        HttpSinkConfig.HEADERS_CONFIG,
                        "X-Team: billing, Authorization=Bearer s3cret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.headers")
        .hasMessageContaining("entry 2 of 2")
        .hasMessageContaining("'Name: value' pairs")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRejectAHeaderNameThatIsNotAToken() {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.HEADERS_CONFIG, "X Team: billing")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.headers")
        .hasMessageContaining("'X Team'")
        .hasMessageContaining("not a valid header name");
  }

  @Test
  void shouldRejectAnEmptyHeaderEntry() {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.HEADERS_CONFIG, "X-Team: billing,")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.headers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Host: example.com", "content-length: 3", "Connection: close"})
  void shouldRejectHeadersTheClientSetsItself(String header) {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.HEADERS_CONFIG, header)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.headers")
        .hasMessageContaining("the HTTP client sets this header itself");
  }

  @Test
  void shouldPointContentTypeToItsOwnKey() {
    assertThatThrownBy(
            () -> config(Map.of(HttpSinkConfig.HEADERS_CONFIG, "Content-Type: text/plain")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set Content-Type with http.content.type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5"})
  void shouldRejectATimeoutBelowOneMillisecond(String timeout) {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.TIMEOUT_MS_CONFIG, timeout)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.timeout.ms")
        .hasMessageContaining("at least 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "", "application/json\r\nX-Evil: 1", "text /plain"})
  void shouldRejectAContentTypeThatIsNotAMediaType(String type) {
    assertThatThrownBy(() -> config(Map.of(HttpSinkConfig.CONTENT_TYPE_CONFIG, type)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.content.type")
        .hasMessageContaining("must be a media type such as application/json");
  }

  @Test
  void shouldTypeValidateAndDocumentEveryKey() {
    for (ConfigDef.ConfigKey key : HttpSinkConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as("documentation of %s", key.name).isNotBlank();
      assertThat(key.validator).as("validator of %s", key.name).isNotNull();
      assertThat(key.type).as("type of %s", key.name).isNotNull();
    }
  }

  private static HttpSinkConfig config(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put(HttpSinkConfig.URL_CONFIG, URL);
    props.putAll(extra);
    return new HttpSinkConfig(props);
  }
}
