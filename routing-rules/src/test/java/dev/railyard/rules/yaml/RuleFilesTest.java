package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFilesTest {

  @Test
  void shouldLoadEveryFeatureOfAMultiDocumentFile() throws IOException {
    // given
    String yaml = resource("every-feature.yaml");

    // when
    LoadResult result = RuleFiles.load("every-feature.yaml", yaml);

    // then
    assertThat(result.problems()).isEmpty();
    assertThat(result.isValid()).isTrue();
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    paths.put("id", JsonPath.parse("$.data.id"));
    paths.put("amount", JsonPath.parse("$.data.amount"));
    paths.put("first", JsonPath.parse("$.data.items[0]"));
    paths.put("all", JsonPath.parse("$.data.items[*]"));
    Map<String, String> audit = new LinkedHashMap<>();
    audit.put("connector.class", "dev.railyard.sink.log.LogSinkConnector");
    audit.put("tasks.max", "2");
    audit.put("log.compress", "false");
    Rule billing =
        new Rule(
            "paid-orders-to-billing",
            "orders",
            true,
            "{\"type\":[\"order.paid\"],\"data\":{\"amount\":[{\"numeric\":[\">\",100]}],"
                + "\"country\":[{\"anything-but\":[\"US\"]}]}}",
            new Transform.Template(
                paths,
                "{\"orderId\": \"<id>\", \"amount\": <amount>, \"rule\": "
                    + "\"<railyard.rule-name>\",\n \"first\": <first>, \"all\": <all>, \"at\": "
                    + "\"<railyard.ingestion-time>\"}\n"),
            List.of(
                new Target(
                    "billing-fn",
                    new Target.Connector("billing-webhook"),
                    new RetryPolicy(20, 3600, 500, 30000),
                    true),
                new Target(
                    "audit-log",
                    new Target.Inline(audit),
                    RetryPolicy.DEFAULT,
                    false,
                    Target.EventMode.STRUCTURED)));
    Rule ids =
        new Rule(
            "order-ids",
            "orders",
            false,
            "[{\"prefix\":{\"type\":\"order.\"}}]",
            new Transform.InputPath(JsonPath.parse("$.data.id")),
            List.of(new Target("ids", new Target.Connector("id-sink"), RetryPolicy.DEFAULT, true)));
    Rule heartbeat =
        new Rule(
            "heartbeat",
            "Ops_Bus-1",
            true,
            "{\"source\":[\"railyard.health\"]}",
            new Transform.Constant("{\"alive\":true,\"checks\":[1,2.5,null,\"ok\"]}"),
            List.of(
                new Target(
                    "pager",
                    new Target.Connector("pager-duty"),
                    new RetryPolicy(0, 86_400, 1000, 60000, false),
                    true)));
    assertThat(result.rules()).containsExactly(billing, ids, heartbeat);
    assertThat(result.rulesOrThrow()).isEqualTo(result.rules());
  }

  @Test
  void shouldKeepADisabledRuleParked() {
    LoadResult result = RuleFiles.load("rules.yaml", minimal("parked", "  enabled: false\n"));

    assertThat(result.rules()).singleElement().satisfies(r -> assertThat(r.enabled()).isFalse());
  }

  @Test
  void shouldEnableARuleUnlessItSaysOtherwise() {
    LoadResult result = RuleFiles.load("rules.yaml", minimal("active", ""));

    assertThat(result.rules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.enabled()).isTrue();
              assertThat(r.transform()).isEqualTo(new Transform.WholeEvent());
              assertThat(r.targets().get(0).retry()).isEqualTo(RetryPolicy.DEFAULT);
              assertThat(r.targets().get(0).deadLetter()).isTrue();
            });
  }

  @Test
  void shouldReadTheBackoffOfARetryPolicy() {
    String yaml =
        minimal("r", "")
            + "      retry: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 400 }\n";

    LoadResult result = RuleFiles.load("rules.yaml", yaml);

    assertThat(result.problems()).isEmpty();
    assertThat(result.rules().get(0).targets().get(0).retry())
        .isEqualTo(new RetryPolicy(3, RetryPolicy.MAX_AGE_SECONDS, 50, 400));
  }

  @Test
  void shouldReadWhetherARetryKeepsOrder() {
    String parked = minimal("r", "") + "      retry: { maxAttempts: 3, inOrder: false }\n";
    String ordered = minimal("r", "") + "      retry: { maxAttempts: 3 }\n";

    assertThat(RuleFiles.load("rules.yaml", parked).rulesOrThrow().get(0).targets().get(0).retry())
        .isEqualTo(new RetryPolicy(3, RetryPolicy.MAX_AGE_SECONDS, 1000, 60000, false));
    assertThat(RuleFiles.load("rules.yaml", ordered).rulesOrThrow().get(0).targets().get(0).retry())
        .extracting(RetryPolicy::inOrder)
        .isEqualTo(true);
  }

  @Test
  void shouldSkipEmptyDocumentsButCountThemInPaths() {
    String yaml = "---\n---\n" + minimal("one", "").replace("bus: orders", "bus: 'no good'");

    LoadResult result = RuleFiles.load("rules.yaml", yaml);

    assertThat(result.problems())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .startsWith("rules.yaml:8:8 [doc 2] spec.bus: 'no good' is not a valid bus name");
  }

  @Test
  void shouldLoadAFileWithOnlyCommentsAsNoRules() {
    LoadResult result = RuleFiles.load("rules.yaml", "# nothing yet\n");

    assertThat(result.isValid()).isTrue();
    assertThat(result.rules()).isEmpty();
  }

  static String minimal(String name, String extraSpec) {
    return "apiVersion: railyard/v1\n"
        + "kind: Rule\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "spec:\n"
        + "  bus: orders\n"
        + extraSpec
        + "  pattern: { type: [\"order.paid\"] }\n"
        + "  targets:\n"
        + "    - name: billing\n"
        + "      connector: billing-webhook\n";
  }

  static String resource(String name) throws IOException {
    try (InputStream in = RuleFilesTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
