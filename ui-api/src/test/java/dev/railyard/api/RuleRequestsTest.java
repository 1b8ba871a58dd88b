package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleRequestsTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"rule\": \"r\"}|400|INVALID_REQUEST|'event' must be the event as a JSON object",
        "{\"event\": {}}|400|INVALID_REQUEST|give either 'pattern' (an EventBridge pattern) or"
            + " 'rule' (a rule's name)",
        "{\"event\": {}, \"rule\": \"r\", \"pattern\": {}}|400|INVALID_REQUEST|give either"
            + " 'pattern' (an EventBridge pattern) or 'rule' (a rule's name)",
        "{\"event\": {}, \"rule\": 7}|404|NOT_FOUND|rule '7' does not exist"
      })
  void shouldRefuseABadTestBodyWithoutAskingThePlatform(
      String body, int status, String code, String message) {
    HttpResponse<String> response = api.sendJson("POST", "/api/v1/rules:test", body);

    assertThat(response.statusCode()).isEqualTo(status);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isEqualTo(message);
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @Test
  void shouldPassThePatternAndTheEventAsJson() {
    api.sendJson(
        "POST",
        "/api/v1/rules:test",
        "{\"event\": {\"type\": \"a\", \"n\": 1.5}, \"pattern\": {\"type\": [\"a\"]}}");

    assertThat(api.platform().rules.calls)
        .containsExactly(
            "test TestPatternRequest[eventJson={\"type\":\"a\",\"n\":1.5},"
                + " patternJson={\"type\":[\"a\"]}, rule=null]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"from\": \"2026-11-26T10:00:00Z\", \"to\": \"2026-11-26T11:00:00Z\", \"x\": 1}"
            + "|unknown field 'x'; valid: from, to, targets",
        "{\"from\": \"yesterday\", \"to\": \"2026-11-26T11:00:00Z\"}"
            + "|'from' must be an ISO-8601 time with offset, e.g. 2026-11-26T10:00:00Z, not"
            + " yesterday",
        "{\"from\": \"2026-11-26T10:00:00Z\"}"
            + "|'to' must be an ISO-8601 time with offset, e.g. 2026-11-26T10:00:00Z, not null",
        "{\"from\": \"2026-11-26T12:00:00Z\", \"to\": \"2026-11-26T11:00:00Z\"}"
            + "|'from' (2026-11-26T12:00:00Z) must be before 'to' (2026-11-26T11:00:00Z)",
        "{\"from\": \"2026-11-26T10:00:00Z\", \"to\": \"2026-11-26T11:00:00Z\", \"targets\": []}"
            + "|'targets' must be a non-empty list of target names"
      })
  void shouldRefuseABadReplayBodyWithoutAskingThePlatform(String body, String message) {
    HttpResponse<String> response = api.sendJson("POST", "/api/v1/rules/paid/replay", body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("INVALID_REPLAY");
    assertThat(error.getString("message")).isEqualTo(message);
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @Test
  void shouldPassTheChosenTargetsOfAReplay() {
    api.sendJson(
        "POST",
        "/api/v1/rules/paid/replay",
        "{\"from\": \"2026-11-26T10:00:00+01:00\", \"to\": \"2026-11-26T11:00:00Z\","
            + " \"targets\": [\"billing\"]}");

    assertThat(api.platform().rules.calls)
        .containsExactly(
            "replay paid ReplayRequest[from=2026-11-26T09:00:00Z, to=2026-11-26T11:00:00Z,"
                + " targets=[billing]]");
  }
}
