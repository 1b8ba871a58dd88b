package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EventBridge's target input and retry fields as a Railyard rule's transform and retry. */
class TargetInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "$, $",
    "$.detail, $.data",
    "$.detail.order.id, $.data.order.id",
    "$.detail[0], $.data[0]",
    "$.detail-type, $.type",
    "$.source, $.source",
    "$.time, $.time",
    "$.region, $.region",
    "$.id, $.id"
  })
  void shouldMapPathsOnTheEnvelopeToTheCloudEventAndBack(String eventBridge, String cloudEvent) {
    assertThat(TargetInputs.toCloudEvent(eventBridge, "p")).isEqualTo(cloudEvent);
    assertThat(TargetInputs.toEventBridge(cloudEvent)).isEqualTo(eventBridge);
  }

  @ParameterizedTest
  @CsvSource({
    "$.resources[0], not resources as a list",
    "$.version, not version as a list",
    "$.details, details is not a field of an EventBridge event",
    "detail.id, must be a JSONPath starting $.<field>"
  })
  void shouldRefusePathsRailyardsEventsCannotAnswer(String path, String reason) {
    assertThatThrownBy(() -> TargetInputs.toCloudEvent(path, "Targets[0].InputPath"))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith("Targets[0].InputPath '" + path + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void shouldMakeEachInputFieldTheRulesTransform() throws Exception {
    assertThat(transform("{\"Id\":\"a\"}")).isEqualTo(TargetInputs.WHOLE_EVENT);
    assertThat(transform("{\"Input\":\"{\\\"fixed\\\": [1, 2]}\"}"))
        .isEqualTo(JSON.readTree("{\"input\":{\"fixed\":[1,2]}}"));
    assertThat(transform("{\"InputPath\":\"$.detail.order\"}"))
        .isEqualTo(JSON.readTree("{\"inputPath\":\"$.data.order\"}"));
    assertThat(
            transform(
                "{\"InputTransformer\":{\"InputPathsMap\":{\"id\":\"$.detail.id\",\"t\":\"$.time\"},"
                    + "\"InputTemplate\":\"{\\\"id\\\": <id>, \\\"at\\\": <t>, \\\"rule\\\":"
                    + " <aws.events.rule-name>, \\\"e\\\": <aws.events.event.json>}\"}}"))
        .isEqualTo(
            JSON.readTree(
                "{\"paths\":{\"id\":\"$.data.id\",\"t\":\"$.time\"},\"template\":"
                    + "\"{\\\"id\\\": <id>, \\\"at\\\": <t>, \\\"rule\\\": <railyard.rule-name>,"
                    + " \\\"e\\\": <railyard.event.json>}\"}"));
  }

  @Test
  void shouldShowTheRulesTransformAsTheTargetsInputAsItWasPut() throws Exception {
    for (String target :
        List.of(
            "{\"Input\":\"{\\\"fixed\\\":[1,2]}\"}",
            "{\"InputPath\":\"$.detail.order\"}",
            "{\"InputTransformer\":{\"InputPathsMap\":{\"id\":\"$.detail.id\"},"
                + "\"InputTemplate\":\"<id> by <aws.events.rule-name>\"}}")) {
      ObjectNode shown = JSON.createObjectNode();
      TargetInputs.putInputOf(transform(target), shown);
      assertThat(shown).isEqualTo(JSON.readTree(target));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Input\":\"{}\",\"InputPath\":\"$\"} | Targets[2] has Input and InputPath: a target takes"
            + " at most one of them",
        "{\"Input\":\"{not json\"} | Targets[2].Input must be valid JSON text",
        "{\"Input\":\"{} {}\"} | Targets[2].Input must be valid JSON text",
        "{\"Input\":\"\"} | Targets[2].Input must be valid JSON text",
        "{\"Input\":{\"a\":1}} | Targets[2].Input must be a string of JSON text",
        "{\"InputTransformer\":{\"InputTemplate\":\"<aws.events.rule-arn>\"}} |"
            + " Targets[2].InputTransformer.InputTemplate: <aws.events.rule-arn> is not a variable"
            + " Railyard has",
        "{\"InputTransformer\":{\"InputPathsMap\":{\"x\":\"$.resources\"},\"InputTemplate\":\"<x>\"}}"
            + " | Targets[2].InputTransformer.InputPathsMap.x '$.resources'",
        "{\"InputTransformer\":{\"Template\":\"x\"}} | Targets[2].InputTransformer.Template is not"
            + " a field of it",
        "{\"InputTransformer\":{}} | Targets[2].InputTransformer.InputTemplate must be a string"
      })
  void shouldRefuseABadInputNamingTheField(String target, String message) {
    assertThatThrownBy(() -> transform(target))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void shouldMapTheRetryPolicyWithinEventBridgesBounds() throws Exception {
    JsonNode target =
        JSON.readTree(
            "{\"RetryPolicy\":{\"MaximumRetryAttempts\":0,\"MaximumEventAgeInSeconds\":3600}}");
    ObjectNode retry = TargetInputs.retryOf(target, "Targets[0]");
    ObjectNode shown = JSON.createObjectNode();
    TargetInputs.putRetryOf(retry, shown);

    assertThat(retry).isEqualTo(JSON.readTree("{\"maxAttempts\":0,\"maxAgeSeconds\":3600}"));
    assertThat(shown).isEqualTo(target);
    assertThat(TargetInputs.retryOf(JSON.readTree("{}"), "Targets[0]")).isNull();
    for (String bad :
        List.of(
            "{\"MaximumRetryAttempts\":186}",
            "{\"MaximumRetryAttempts\":1.5}",
            "{\"MaximumEventAgeInSeconds\":59}",
            "{\"MaximumEventAgeInSeconds\":\"600\"}",
            "{\"Backoff\":1}")) {
      assertThatThrownBy(
              () -> TargetInputs.retryOf(JSON.readTree("{\"RetryPolicy\":" + bad + "}"), "T[1]"))
          .as(bad)
          .isInstanceOf(AwsException.class)
          .hasMessageStartingWith("T[1].RetryPolicy.");
    }
  }

  private static JsonNode transform(String target) throws Exception {
    return TargetInputs.transformOf(JSON.readTree(target), "Targets[2]");
  }
}
