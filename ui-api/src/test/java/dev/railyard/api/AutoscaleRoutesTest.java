package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AutoscaleRoutesTest {

  private static final String PATH = "/api/v1/autoscale";

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldAnswerTheStatus() {
    api.platform().autoscale.reply =
        Outcome.ok(
            new AutoscaleStatus(
                Map.of("autoscale.enabled", "true"),
                new AutoscaleStatus.Snapshot(null, null),
                new AutoscaleStatus.Workers(1, 1, null, 1, 4, null, null, null, null, List.of()),
                List.of(),
                List.of()));

    HttpResponse<String> answer = api.get(PATH);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(RunningApi.json(answer).getJsonObject("policy").getString("autoscale.enabled"))
        .isEqualTo("true");
  }

  @Test
  void shouldPassChangesAsTextAndRenderARefusal() {
    api.platform().autoscale.reply =
        Outcome.refused(
            Outcome.Kind.INVALID,
            "INVALID_SETTING",
            "Invalid value 5 for configuration autoscale.workers.min",
            Map.of("key", "autoscale.workers.min"));

    HttpResponse<String> answer =
        api.sendJson("PUT", PATH, "{\"autoscale.workers.min\": 5, \"autoscale.enabled\": false}");

    assertThat(api.platform().autoscale.calls)
        .containsExactly("update {autoscale.workers.min=5, autoscale.enabled=false}");
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(answer).getString("code")).isEqualTo("INVALID_SETTING");
  }

  @Test
  void shouldRefuseABodyThatIsNotAnObjectOfValues() {
    HttpResponse<String> list = api.sendJson("PUT", PATH, "[1]");
    HttpResponse<String> nested =
        api.sendJson("PUT", PATH, "{\"autoscale.schedule\": {\"mon\": 1}}");

    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(nested).getString("message"))
        .contains("'autoscale.schedule' needs a string, number or boolean");
    assertThat(api.platform().autoscale.calls).isEmpty();
  }

  @Test
  void shouldTakeTheTimelineSinceAnInstantAndRefuseOneThatDoesNotParse() {
    assertThat(api.get(PATH + "/decisions?since=2026-12-02T10:00:00Z").statusCode()).isEqualTo(200);
    assertThat(api.platform().autoscale.calls).containsExactly("decisions 2026-12-02T10:00:00Z");

    HttpResponse<String> bad = api.get(PATH + "/decisions?since=yesterday");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(bad).getString("message")).contains("'since'");
  }
}
