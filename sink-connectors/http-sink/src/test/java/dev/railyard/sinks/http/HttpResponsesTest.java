package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.sinks.http.HttpResponses.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpResponsesTest {

  private static final URI URL = URI.create("https://hooks.example.com:8443/orders");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "200, DELIVERED",
    "201, DELIVERED",
    "202, DELIVERED",
    "204, DELIVERED",
    "299, DELIVERED",
    "408, RETRY",
    "429, RETRY",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY",
    "504, RETRY",
    "599, RETRY",
    "300, REFUSED",
    "301, REFUSED",
    "302, REFUSED",
    "304, REFUSED",
    "307, REFUSED",
    "400, REFUSED",
    "401, REFUSED",
    "403, REFUSED",
    "404, REFUSED",
    "405, REFUSED",
    "409, REFUSED",
    "410, REFUSED",
    "413, REFUSED",
    "415, REFUSED",
    "422, REFUSED",
    "499, REFUSED",
    "101, RETRY",
    "600, RETRY",
    "0, RETRY"
  })
  void shouldClassifyEachStatus(int status, Outcome outcome) {
    assertThat(HttpResponses.classify(status)).isEqualTo(outcome);
  }

  @Test
  void shouldReturnWhenDelivered() {
    assertThatCode(() -> HttpResponses.check("POST", URL, 204, null)).doesNotThrowAnyException();
  }

  @Test
  void shouldRetryWhenTheEndpointIsUnavailable() {
    assertThatThrownBy(() -> HttpResponses.check("POST", URL, 503, "try later"))
        .isExactlyInstanceOf(RetriableException.class)
        .hasMessage("POST https://hooks.example.com:8443/orders answered 503: try later");
  }

  @Test
  void shouldRetryWhenRateLimited() {
    assertThatThrownBy(() -> HttpResponses.check("PUT", URL, 429, ""))
        .isExactlyInstanceOf(RetriableException.class)
        .hasMessage("PUT https://hooks.example.com:8443/orders answered 429: (empty body)");
  }

  @Test
  void shouldRefuseARecordTheEndpointRejects() {
    assertThatThrownBy(
            () -> HttpResponses.check("POST", URL, 422, "{\"error\":\n  \"bad amount\"}"))
        .isExactlyInstanceOf(DataException.class)
        .hasMessageStartingWith(
            "POST https://hooks.example.com:8443/orders answered 422: {\"error\": \"bad amount\"}")
        .hasMessageContaining("refuses this record");
  }

  @Test
  void shouldRefuseARedirectWhichIsNotFollowed() {
    assertThatThrownBy(() -> HttpResponses.check("POST", URL, 301, null))
        .isExactlyInstanceOf(DataException.class)
        .hasMessageContaining("answered 301");
  }

  @Test
  void shouldCutTheBodyToAnExcerpt() {
    // given
    String body = "a".repeat(HttpResponses.EXCERPT_CHARS) + "b".repeat(5000);

    // when
    String excerpt = HttpResponses.excerpt(body);

    // then
    assertThat(excerpt).isEqualTo("a".repeat(HttpResponses.EXCERPT_CHARS) + "…");
  }

  @Test
  void shouldHideTheUserInfoAndQueryOfTheUrl() {
    URI url = URI.create("https://user:pw@fn.example.com/api/hook?code=s3cret#x");

    assertThat(HttpResponses.shown(url)).isEqualTo("https://fn.example.com/api/hook?…");
    assertThatThrownBy(() -> HttpResponses.check("POST", url, 500, null))
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("pw");
  }

  @Test
  void shouldRetryWhenTheEndpointCannotBeReached() {
    // given
    IOException refused = new ConnectException();
    refused.initCause(new ConnectException("Connection refused"));

    // when
    RetriableException e = HttpResponses.failed("POST", URL, Duration.ofSeconds(10), refused);

    // then
    assertThat(e)
        .hasMessage(
            "POST https://hooks.example.com:8443/orders failed: ConnectException: Connection refused");
    assertThat(e).hasCause(refused);
  }

  @Test
  void shouldRetryWhenTheEndpointTimesOut() {
    assertThat(
            HttpResponses.failed(
                "POST",
                URL,
                Duration.ofMillis(1500),
                new HttpTimeoutException("request timed out")))
        .hasMessage("POST https://hooks.example.com:8443/orders got no answer within 1500 ms");
    assertThat(
            HttpResponses.failed(
                "POST",
                URL,
                Duration.ofMillis(1500),
                new HttpConnectTimeoutException("connect timed out")))
        .hasMessage("POST https://hooks.example.com:8443/orders could not connect within 1500 ms");
  }
}
