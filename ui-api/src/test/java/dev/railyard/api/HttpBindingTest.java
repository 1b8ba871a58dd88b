package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PutEvents through the CloudEvents HTTP binding, with the requests made by the CloudEvents SDK's
 * HTTP-basic module.
 */
class HttpBindingTest {

  private static final String PATH = "/api/v1/events";

  @RegisterExtension static final RunningApi api = new RunningApi();

  private static CloudEvent event(String id) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("/shop"))
        .withType("order.paid")
        .withExtension("tenant", "acme")
        .withDataContentType("application/json")
        .withData("{\"amount\":150}".getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** The request the SDK writes for an event, in binary or structured mode. */
  private static HttpResponse<String> send(String path, CloudEvent event, boolean binary) {
    HttpRequest.Builder request = api.request(path);
    byte[][] body = new byte[1][];
    var writer = HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes);
    if (binary) {
      writer.writeBinary(event);
    } else {
      writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
    }
    request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0] == null ? new byte[0] : body[0]));
    return api.exchange(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> sendRaw(String body, String contentType, String... headers) {
    HttpRequest.Builder request = api.request(PATH).header("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    request.POST(HttpRequest.BodyPublishers.ofString(body));
    return api.exchange(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> published(int call, int entry) {
    return api.platform().events.received.get(call).get(entry);
  }

  @Test
  void shouldTakeABinaryModeEventAsOneEntry() {
    // when the SDK sends an event in binary mode, for the bus the query names
    HttpResponse<String> response = send(PATH + "?bus=orders", event("b-1"), true);

    // then it is answered like any PutEvents call and published as the CloudEvent it is
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(RunningApi.json(response).getInteger("failedEntryCount")).isZero();
    assertThat(published(0, 0))
        .containsEntry("specversion", "1.0")
        .containsEntry("id", "b-1")
        .containsEntry("source", "/shop")
        .containsEntry("type", "order.paid")
        .containsEntry("tenant", "acme")
        .containsEntry("datacontenttype", "application/json")
        .containsEntry("data", Map.of("amount", 150))
        .containsEntry("bus", "orders");
  }

  @Test
  void shouldTakeAStructuredModeEvent() {
    // when the SDK sends an event in structured mode
    HttpResponse<String> response = send(PATH, event("s-1"), false);

    // then it is published as it is, on the default bus
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(published(0, 0))
        .containsEntry("id", "s-1")
        .containsEntry("tenant", "acme")
        .containsEntry("data", Map.of("amount", 150))
        .doesNotContainKey("bus");
  }

  @Test
  void shouldTakeABatchOfCloudEvents() {
    // given a batch of three events in the JSON format the SDK writes
    JsonFormat format = new JsonFormat();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(new String(format.serialize(event("e-" + i)), StandardCharsets.UTF_8));
    }

    // when it is sent as a batch
    HttpResponse<String> response =
        sendRaw("[" + String.join(",", events) + "]", HttpBinding.BATCH);

    // then each event is an entry
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(api.platform().events.received.get(0))
        .extracting(e -> e.get("id"))
        .containsExactly("e-0", "e-1", "e-2");
  }

  @Test
  void shouldTakeTextAndOtherBytesAsTheJsonFormatWritesThem() {
    // when binary-mode events with text and with bytes are sent
    send(
        PATH,
        CloudEventBuilder.v1(event("t"))
            .withDataContentType("text/plain")
            .withData("hello".getBytes(StandardCharsets.UTF_8))
            .build(),
        true);
    send(
        PATH,
        CloudEventBuilder.v1(event("o"))
            .withDataContentType("application/octet-stream")
            .withData(new byte[] {1, 2, 3})
            .build(),
        true);

    // then text is data as a string and bytes are data_base64
    assertThat(published(0, 0)).containsEntry("data", "hello");
    assertThat(published(1, 0)).containsEntry("data_base64", "AQID").doesNotContainKey("data");
  }

  @Test
  void shouldRefuseABinaryEventWithoutARequiredHeaderNamingIt() {
    // when a binary-mode event lacks ce-type
    HttpResponse<String> response =
        sendRaw("{}", "application/json", "ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s");

    // then the call is refused naming the header, and nothing is published
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("message")).contains("ce-type");
    assertThat(error.getJsonObject("details").getString("header")).isEqualTo("ce-type");
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRefuseABinaryEventWhoseBodyIsNotTheJsonItsContentTypeSays() {
    HttpResponse<String> response =
        sendRaw(
            "{not json",
            "application/json",
            "ce-specversion",
            "1.0",
            "ce-id",
            "1",
            "ce-source",
            "/s",
            "ce-type",
            "t");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getString("message")).contains("Content-Type");
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRefuseAStructuredEventWithoutSpecversionAndABatchThatIsNoArray() {
    HttpResponse<String> noVersion =
        sendRaw("{\"id\":\"1\",\"source\":\"s\",\"type\":\"t\"}", HttpBinding.STRUCTURED);
    HttpResponse<String> notArray =
        sendRaw("{\"specversion\":\"1.0\"}", HttpBinding.BATCH + "; charset=utf-8");
    HttpResponse<String> badMember = sendRaw("[{\"specversion\":\"1.0\"}, 3]", HttpBinding.BATCH);

    assertThat(noVersion.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(noVersion).getString("message")).contains("\"specversion\"");
    assertThat(RunningApi.error(noVersion).getJsonObject("details").getString("field"))
        .isEqualTo("specversion");
    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(notArray).getString("message")).contains("JSON array");
    assertThat(badMember.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(badMember).getJsonObject("details").getInteger("index"))
        .isEqualTo(1);
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRefuseABusNamedTwiceDifferently() {
    HttpResponse<String> response =
        sendRaw(
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\","
                + "\"bus\":\"a\"}",
            HttpBinding.STRUCTURED);
    HttpResponse<String> twice =
        api.exchange(
            api.request(PATH + "?bus=b")
                .header("Content-Type", HttpBinding.STRUCTURED)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\","
                            + "\"bus\":\"a\"}")),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(twice).getString("message")).contains("'a'", "'b'");
  }
}
