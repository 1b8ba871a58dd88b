package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlTemplateTest {

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final HttpSinkTask task = new HttpSinkTask();

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @Test
  void shouldFillEachPlaceholderFromTheRecordPercentEncoded() {
    UrlTemplate template =
        new UrlTemplate(
            "https://api.example.com/{topic}/{partition}/{key}/{header:railyard.rule}"
                + "/c/{event:/data/customer}?n={event:/data/n}");

    URI url = template.expand(record("k 1", "{\"data\": {\"customer\": \"a/b é\", \"n\": 7}}"));

    assertThat(url.toString())
        .isEqualTo("https://api.example.com/orders/0/k%201/paid/c/a%2Fb%20%C3%A9?n=7");
  }

  @Test
  void shouldRefuseARecordWithoutTheValueNamingThePlaceholder() {
    UrlTemplate template = new UrlTemplate("https://api.example.com/c/{event:/data/customer}");

    assertThatThrownBy(() -> template.expand(record("k", "{\"data\": {}}")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("no value for {event:/data/customer} of http.url");
    assertThatThrownBy(() -> template.expand(record("k", "not json")))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("is not JSON");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.example.com/{customer}",
        "https://api.example.com/{header:}",
        "https://{event:/host}/orders",
        "https://api.example.com:{partition}/x"
      })
  void shouldRejectAnUnknownOrMisplacedPlaceholder(String url) {
    assertThatThrownBy(() -> new HttpSinkConfig(Map.of(HttpSinkConfig.URL_CONFIG, url)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.url")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .containsAnyOf("is not a placeholder; use {topic}", "path and query only"));
  }

  @Test
  void shouldSendEachRecordToItsUrlBatchingOnlyThoseThatShareOne() throws Exception {
    // given
    Map<String, String> props = new HashMap<>();
    props.put(
        HttpSinkConfig.URL_CONFIG, endpoint.url("/customers/").toString() + "{event:/customer}");
    props.put(HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, "10");
    task.start(props);

    // when
    task.put(
        List.of(
            record("k", "{\"customer\": \"a\", \"n\": 1}"),
            record("k", "{\"customer\": \"a\", \"n\": 2}"),
            record("k", "{\"customer\": \"b\", \"n\": 3}")));

    // then
    LocalEndpoint.Request first = endpoint.next();
    LocalEndpoint.Request second = endpoint.next();
    assertThat(first.path()).isEqualTo("/customers/a");
    assertThat(first.body())
        .isEqualTo("[{\"customer\": \"a\", \"n\": 1},{\"customer\": \"a\", \"n\": 2}]");
    assertThat(second.path()).isEqualTo("/customers/b");
    assertThat(endpoint.pending()).isZero();
  }

  private static SinkRecord record(String key, String value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("railyard.rule", "paid");
    return new SinkRecord(
        "orders", 0, Schema.STRING_SCHEMA, key, null, value, 0, null, null, headers);
  }
}
