package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule documents PutRule and PutTargets apply, and how EventBridge is shown them. */
class RuleDocumentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMakeAnOrdinaryRuleDocumentWithoutTargets() throws Exception {
    JsonNode doc = RuleDocuments.create("paid", "orders", "{\"type\":[\"order.paid\"]}", false);

    assertThat(doc)
        .isEqualTo(
            JSON.readTree(
                "{\"apiVersion\":\"railyard/v1\",\"kind\":\"Rule\",\"metadata\":{\"name\":\"paid\"},"
                    + "\"spec\":{\"bus\":\"orders\",\"targets\":[],\"enabled\":false,"
                    + "\"pattern\":{\"type\":[\"order.paid\"]}}}"));
  }

  @Test
  void shouldReplaceThePatternAndKeepTheTransformAndTargets() throws Exception {
    JsonNode current =
        JSON.readTree(
            "{\"apiVersion\":\"railyard/v1\",\"kind\":\"Rule\",\"metadata\":{\"name\":\"paid\"},"
                + "\"spec\":{\"bus\":\"orders\",\"enabled\":false,\"pattern\":{},"
                + "\"transform\":{\"inputPath\":\"$.data\"},"
                + "\"targets\":[{\"name\":\"a\",\"connector\":\"hook\"}]}}");

    JsonNode doc = RuleDocuments.replace(current, "orders", "{\"source\":[\"x\"]}", true);

    assertThat(doc.at("/spec/pattern")).isEqualTo(JSON.readTree("{\"source\":[\"x\"]}"));
    assertThat(doc.at("/spec/enabled").asBoolean()).isTrue();
    assertThat(doc.at("/spec/transform")).isEqualTo(current.at("/spec/transform"));
    assertThat(doc.at("/spec/targets")).isEqualTo(current.at("/spec/targets"));
    assertThat(current.at("/spec/enabled").asBoolean())
        .as("the current one is not changed")
        .isFalse();
  }

  @Test
  void shouldPutTargetsByNameAndRemoveThem() {
    JsonNode doc = RuleDocuments.create("paid", "default", "{}", true);
    doc =
        RuleDocuments.withTargets(
            doc, List.of(RuleDocuments.target("a", "one"), RuleDocuments.target("b", "two")));
    doc = RuleDocuments.withTargets(doc, List.of(RuleDocuments.target("a", "three")));

    assertThat(RuleDocuments.targets(doc).toString())
        .isEqualTo(
            "[{\"Id\":\"a\",\"Arn\":\"arn:railyard:connector:::three\"},"
                + "{\"Id\":\"b\",\"Arn\":\"arn:railyard:connector:::two\"}]");
    assertThat(RuleDocuments.targetCount(RuleDocuments.withoutTargets(doc, List.of("a", "zzz"))))
        .isEqualTo(1);
  }

  @Test
  void shouldDescribeARuleInEventBridgesTerms() {
    JsonNode doc = RuleDocuments.create("paid", "orders", "{\"type\":[\"order.paid\"]}", false);

    assertThat(RuleDocuments.describe(doc, "us-east-1").toString())
        .isEqualTo(
            "{\"Name\":\"paid\",\"Arn\":\"arn:aws:events:us-east-1:000000000000:rule/orders/paid\","
                + "\"EventPattern\":\"{\\\"detail-type\\\":[\\\"order.paid\\\"]}\","
                + "\"State\":\"DISABLED\",\"EventBusName\":\"orders\",\"CreatedBy\":\"000000000000\"}");
  }
}
