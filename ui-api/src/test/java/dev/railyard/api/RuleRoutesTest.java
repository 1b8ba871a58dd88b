package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.answers.Retrying;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RuleRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldApplyTheYamlBodyWithFileNameAndFlags() {
    api.send(
        "POST",
        "/api/v1/rules:apply?dryRun=true&prune&file=orders.yaml",
        "kind: Rule\n",
        "application/yaml");

    assertThat(api.platform().rules.calls)
        .containsExactly("apply orders.yaml dryRun=true prune=true kind: Rule\n");
  }

  @Test
  void shouldRenderEveryProblemOfARefusedFile() {
    api.platform().rules.reply =
        Outcome.refused(
            Kind.INVALID,
            "INVALID_RULES",
            "2 problems",
            Map.of("problems", List.of("a.yaml:3:5 spec.bus: missing", "a.yaml:9:1 x: unknown")));

    HttpResponse<String> response =
        api.send("POST", "/api/v1/rules:validate", "x: 1", "application/yaml");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(
            RunningApi.json(response)
                .getJsonObject("error")
                .getJsonObject("details")
                .getJsonArray("problems"))
        .hasSize(2);
  }

  @Test
  void shouldRefuseAnEmptyFileAndABadFlag() {
    assertThat(api.send("POST", "/api/v1/rules:apply", "", "application/yaml").statusCode())
        .isEqualTo(400);
    assertThat(
            api.send("POST", "/api/v1/rules:apply?dryRun=maybe", "x: 1", "application/yaml")
                .statusCode())
        .isEqualTo(400);
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @Test
  void shouldMapListGetDeleteAndTest() {
    api.get("/api/v1/rules");
    api.get("/api/v1/rules/paid-orders");
    api.send("DELETE", "/api/v1/rules/paid-orders", "", "application/json");
    api.sendJson("POST", "/api/v1/rules:test", "{\"rule\": \"paid-orders\", \"event\": {}}");

    assertThat(api.platform().rules.calls)
        .containsExactly(
            "list",
            "get paid-orders",
            "delete paid-orders",
            "test TestPatternRequest[eventJson={}, patternJson=null, rule=paid-orders]");
  }

  @Test
  void shouldStartAReplayAndShowItsProgress() {
    api.sendJson(
        "POST",
        "/api/v1/rules/paid-orders/replay",
        "{\"from\": \"2026-11-26T10:00:00Z\", \"to\": \"2026-11-26T10:30:00Z\"}");
    api.get("/api/v1/replays/r-1");

    assertThat(api.platform().rules.calls)
        .containsExactly(
            "replay paid-orders ReplayRequest[from=2026-11-26T10:00:00Z, to=2026-11-26T10:30:00Z,"
                + " targets=null]",
            "replayStatus r-1");
  }

  @Test
  void shouldListPeekAndRedriveDeadLetters() {
    api.get("/api/v1/rules/paid/deadletters");
    api.get("/api/v1/rules/paid/deadletters/billing?limit=5");
    api.get("/api/v1/rules/paid/deadletters/billing");
    api.sendJson("POST", "/api/v1/rules/paid/deadletters/billing/redrive", "");

    assertThat(api.platform().rules.calls)
        .containsExactly(
            "deadLetters paid",
            "peek paid billing 5",
            "peek paid billing 20",
            "redrive paid billing");
    assertThat(api.get("/api/v1/rules/paid/deadletters/billing?limit=0").statusCode())
        .isEqualTo(400);
  }

  @Test
  void shouldPassTheLimitOfARetryingPeekThrough() {
    api.platform().rules.reply =
        Outcome.ok(new Retrying("paid", "billing", "railyard.retry.paid.billing", List.of()));

    HttpResponse<String> some = api.get("/api/v1/rules/paid/retrying/billing?limit=7");
    HttpResponse<String> byDefault = api.get("/api/v1/rules/paid/retrying/billing");

    assertThat(some.statusCode()).isEqualTo(200);
    assertThat(RunningApi.json(some).getString("topic")).isEqualTo("railyard.retry.paid.billing");
    assertThat(byDefault.statusCode()).isEqualTo(200);
    assertThat(api.platform().rules.calls)
        .containsExactly("retrying paid billing 7", "retrying paid billing 20");
  }

  @Test
  void shouldRefuseABadLimitOfARetryingPeekWithoutAskingThePlatform() {
    for (String limit : List.of("0", "1001", "-1", "ten", "")) {
      HttpResponse<String> response = api.get("/api/v1/rules/paid/retrying/billing?limit=" + limit);

      assertThat(response.statusCode()).as("limit=%s", limit).isEqualTo(400);
      assertThat(RunningApi.json(response).getJsonObject("error").getString("code"))
          .isEqualTo("INVALID_PARAMETER");
    }
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @Test
  void shouldAnswerTheNotFoundOfARetryingPeek() {
    api.platform().rules.reply =
        Outcome.refused(Kind.NOT_FOUND, "NOT_FOUND", "rule 'paid' has no target 'nope'", null);

    assertThat(api.get("/api/v1/rules/paid/retrying/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldServeTheRuleSchema() {
    HttpResponse<String> schema = api.get("/api/v1/schemas/rule.json");

    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.headers().firstValue("content-type")).hasValue("application/schema+json");
    assertThat(schema.body()).contains("2020-12");
  }
}
