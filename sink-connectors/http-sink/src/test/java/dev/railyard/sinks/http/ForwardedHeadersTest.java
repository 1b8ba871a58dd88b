package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedHeadersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "railyard.event.id, X-Railyard-Event-Id",
        "railyard.rule, X-Railyard-Rule",
        "railyard.target, X-Railyard-Target",
        "railyard.ingestion_time, X-Railyard-Ingestion-Time",
        "railyard.RETRY.count, X-Railyard-Retry-Count",
        "railyard., none",
        "railyard.évent, none",
        "railyard.with space, none",
        "traceparent, none",
        "Railyard.rule, none"
      })
  void shouldNameForwardedHeaders(String key, String expected) {
    assertThat(ForwardedHeaders.httpName(key)).isEqualTo(expected);
  }

  @Test
  void shouldForwardValuesTheHeaderConverterParsed() {
    // given
    ConnectHeaders headers = new ConnectHeaders();
    headers.addInt("railyard.attempt", 3);
    headers.addBytes("railyard.event.id", "evt-9".getBytes(StandardCharsets.UTF_8));
    headers.add("railyard.none", null, Schema.OPTIONAL_STRING_SCHEMA);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost/"));

    // when
    ForwardedHeaders.addTo(request, headers);

    // then
    assertThat(request.build().headers().map())
        .containsEntry("X-Railyard-Attempt", List.of("3"))
        .containsEntry("X-Railyard-Event-Id", List.of("evt-9"))
        .doesNotContainKey("X-Railyard-None");
  }

  @Test
  void shouldRefuseAValueThatWouldBreakTheRequest() {
    // given
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("railyard.event.id", "evt-1\r\nX-Evil: 1");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost/"));

    // when / then
    assertThatThrownBy(() -> ForwardedHeaders.addTo(request, headers))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("railyard.event.id")
        .hasMessageContaining("X-Railyard-Event-Id");
  }
}
