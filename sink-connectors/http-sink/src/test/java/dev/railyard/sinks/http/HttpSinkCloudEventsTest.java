package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request of each CloudEvents mode, parsed by the CloudEvents SDK. */
class HttpSinkCloudEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();

  private final HttpSinkTask task = new HttpSinkTask();

  @AfterEach
  void stopTask() {
    task.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary", "structured", "batched"})
  void shouldSendEveryEventSoTheSdkReadsItBack(String mode) throws Exception {
    // given
    start(
        Map.of(
            HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG,
            mode,
            HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG,
            mode.equals("batched") ? "4" : "1",
            HttpSinkConfig.MAX_IN_FLIGHT_CONFIG,
            "3"));
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(i, jsonEvent(i)));
    }
    records.add(record(10, textEvent()));
    records.add(record(11, base64Event()));

    // when
    task.put(records);

    // then the SDK reads each request, and every event is there with its attributes and data
    Map<String, CloudEvent> events = new HashMap<>();
    for (LocalEndpoint.Request request : endpoint.drain()) {
      for (CloudEvent event : parse(mode, request)) {
        events.put(event.getId(), event);
      }
    }
    assertThat(events).hasSize(12);
    CloudEvent third = events.get("e-3");
    assertThat(third.getType()).isEqualTo("order.paid");
    assertThat(third.getSource()).isEqualTo(URI.create("/orders"));
    assertThat(third.getSubject()).isEqualTo("order 3 \"paid\"");
    assertThat(third.getTime()).isEqualTo(OffsetDateTime.parse("2026-12-03T12:00:00Z"));
    assertThat(third.getExtension("tenant")).isEqualTo("acme");
    assertThat(third.getDataContentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(third.getData().toBytes())).isEqualTo(JSON.readTree("{\"n\":3}"));
    assertThat(new String(events.get("e-10").getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("hello, world");
    assertThat(events.get("e-11").getData().toBytes()).containsExactly(1, 2, 3, (byte) 0xff);
  }

  @Test
  void shouldRefuseAValueThatIsNotACloudEventBeforeSendingAny() {
    start(Map.of(HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG, "binary"));

    assertThatThrownBy(
            () -> task.put(List.of(record(0, jsonEvent(0)), record(1, "{\"orderId\": 7}"))))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("offset 1 is not a CloudEvent in JSON: it has no")
        .hasMessageContaining("http.cloudevents.mode=raw");
    assertThat(endpoint.pending()).isZero();
  }

  private static List<CloudEvent> parse(String mode, LocalEndpoint.Request request)
      throws Exception {
    byte[] body = request.bytes();
    String contentType = request.headers().getFirst("Content-Type");
    if (mode.equals("batched")) {
      assertThat(contentType).startsWith("application/cloudevents-batch+json");
      List<CloudEvent> events = new ArrayList<>();
      for (JsonNode event : JSON.readTree(body)) {
        events.add(new JsonFormat().deserialize(JSON.writeValueAsBytes(event)));
      }
      return events;
    }
    Map<String, String> headers = new HashMap<>();
    request
        .headers()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    if (mode.equals("binary")) {
      assertThat(headers).containsKey("ce-id").containsKey("ce-specversion");
      if (headers.get("ce-id").equals("e-10")) {
        // what a header cannot carry is percent-encoded, as the binding says
        assertThat(headers.get("ce-subject")).isEqualTo("caf%C3%A9 100%25");
      }
    } else {
      assertThat(contentType).startsWith("application/cloudevents+json");
    }
    return List.of(HttpMessageFactory.createReader(headers, body).toEvent());
  }

  private static String jsonEvent(int i) {
    return "{\"specversion\":\"1.0\",\"id\":\"e-"
        + i
        + "\",\"source\":\"/orders\",\"type\":\"order.paid\",\"subject\":\"order "
        + i
        + " \\\"paid\\\"\",\"time\":\"2026-12-03T12:00:00Z\",\"tenant\":\"acme\","
        + "\"datacontenttype\":\"application/json\",\"data\":{\"n\":"
        + i
        + "}}";
  }

  private static String textEvent() {
    return "{\"specversion\":\"1.0\",\"id\":\"e-10\",\"source\":\"/orders\",\"type\":\"note\","
        + "\"subject\":\"café 100%\",\"datacontenttype\":\"text/plain\",\"data\":\"hello, world\"}";
  }

  private static String base64Event() {
    return "{\"specversion\":\"1.0\",\"id\":\"e-11\",\"source\":\"/orders\",\"type\":\"blob\","
        + "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AQID/w==\"}";
  }

  private void start(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(extra);
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url("/hooks/orders").toString());
    task.start(props);
  }

  private static SinkRecord record(long offset, String value) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("railyard.rule", "orders");
    return new SinkRecord(
        "railyard.to.orders.hook",
        0,
        Schema.STRING_SCHEMA,
        "k-" + offset % 3,
        null,
        value,
        offset,
        null,
        null,
        headers);
  }
}
