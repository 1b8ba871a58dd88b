package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.UnavailableException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventRoutesTest {

  private static final String PATH = "/api/v1/events";

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldPublishEveryEntryAndReturnTheirIds() {
    String body =
        "[{\"bus\":\"orders\",\"type\":\"order.paid\",\"data\":{\"amount\":120.5,\"items\":[1,2]}},"
            + "{\"bus\":\"billing\",\"type\":\"invoice.sent\"}]";

    HttpResponse<String> response = api.sendJson("POST", PATH, body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject answer = RunningApi.json(response);
    assertThat(answer.getInteger("failedEntryCount")).isZero();
    assertThat(answer.getJsonArray("entries"))
        .containsExactly(
            new JsonObject().put("eventId", "event-0").put("bus", "orders"),
            new JsonObject().put("eventId", "event-1").put("bus", "billing"));
    List<Map<String, Object>> published = api.platform().events.received.get(0);
    assertThat(published.get(0))
        .containsEntry("type", "order.paid")
        .containsEntry("data", Map.of("amount", 120.5, "items", List.of(1, 2)));
    assertThat(api.platform().events.calledOn).doesNotContain("eventloop");
  }

  @Test
  void shouldReportFailedEntriesNextToWrittenOnes() {
    String body = "[{\"bus\":\"orders\"},{\"type\":\"no.bus\"},{\"bus\":\"orders\"}]";

    HttpResponse<String> response = api.sendJson("POST", PATH, body);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject answer = RunningApi.json(response);
    assertThat(answer.getInteger("failedEntryCount")).isEqualTo(1);
    JsonArray entries = answer.getJsonArray("entries");
    assertThat(entries.getJsonObject(0).getString("eventId")).isEqualTo("event-0");
    assertThat(entries.getJsonObject(1))
        .isEqualTo(
            new JsonObject()
                .put("errorCode", "MissingBus")
                .put("errorMessage", "entry 1 names no bus"));
    assertThat(entries.getJsonObject(2).getString("eventId")).isEqualTo("event-2");
  }

  @Test
  void shouldRejectABodyThatIsNotAnArray() {
    HttpResponse<String> response = api.sendJson("POST", PATH, "{\"bus\":\"orders\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getString("message")).contains("JSON array", "object");
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRejectAnArrayHoldingANonObject() {
    HttpResponse<String> response = api.sendJson("POST", PATH, "[{\"bus\":\"a\"}, 42]");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("message")).contains("Entry 1");
    assertThat(error.getJsonObject("details").getInteger("index")).isEqualTo(1);
  }

  @Test
  void shouldRejectAnEmptyArraySayingTheLimits() {
    HttpResponse<String> response = api.sendJson("POST", PATH, "[]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getString("message")).contains("between 1 and 10 ");
  }

  @Test
  void shouldRejectMoreEntriesThanEventBridgeTakesSayingTheLimit() {
    String body = "[" + String.join(",", java.util.Collections.nCopies(11, "{}")) + "]";

    HttpResponse<String> response = api.sendJson("POST", PATH, body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("INVALID_REQUEST");
    assertThat(error.getString("message")).contains("10 entries", "got 11");
    assertThat(error.getJsonObject("details").getInteger("max")).isEqualTo(10);
  }

  @Test
  void shouldRejectACallOverTheByteBoundWith413() {
    String big = "x".repeat(40 * 1024);

    HttpResponse<String> response =
        api.sendJson("POST", PATH, "[{\"source\":\"s\",\"type\":\"t\",\"data\":\"" + big + "\"}]");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(RunningApi.error(response).getString("message"))
        .contains("events.max.request.bytes");
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldRejectMalformedJsonWithItsPosition() {
    HttpResponse<String> response = api.sendJson("POST", PATH, "[\n  {\"bus\": orders}\n]");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("MALFORMED_JSON");
    assertThat(error.getString("message")).startsWith("Malformed JSON at line 2, column ");
    assertThat(error.getJsonObject("details").getInteger("line")).isEqualTo(2);
    assertThat(error.getJsonObject("details").getInteger("column")).isGreaterThan(1);
  }

  @Test
  void shouldRejectAnEmptyBody() {
    HttpResponse<String> response = api.sendJson("POST", PATH, "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("MISSING_BODY");
  }

  @Test
  void shouldAnswer503WhenThePublisherFails() {
    api.platform().events.stageFailure = new UnavailableException("broker unreachable", null);

    HttpResponse<String> response = api.sendJson("POST", PATH, "[{\"bus\":\"orders\"}]");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("EVENTS_UNAVAILABLE");
    assertThat(error.getString("message")).contains("broker unreachable");
  }

  @Test
  void shouldAnswerAGeneric500WithoutInternalsWhenThePublisherBreaks() {
    api.platform().events.thrown = new NullPointerException("secret internal state");

    HttpResponse<String> response = api.sendJson("POST", PATH, "[{\"bus\":\"orders\"}]");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(RunningApi.error(response).getString("code")).isEqualTo("INTERNAL_ERROR");
    assertThat(response.body()).doesNotContain("secret", "NullPointerException", "at dev.");
  }
}
