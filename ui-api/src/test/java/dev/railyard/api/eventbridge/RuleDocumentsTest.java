package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void shouldSetTheRulesTransformToTheInputOfItsTargetsAndRefuseAnotherForTheOthers()
      throws Exception {
    JsonNode input = JSON.readTree("{\"inputPath\":\"$.data\"}");
    JsonNode doc = RuleDocuments.create("paid", "default", "{}", true);

    // a first target with an input makes it the rule's transform
    doc = RuleDocuments.withTargets(doc, List.of(RuleDocuments.target("a", "one")), input);
    assertThat(doc.at("/spec/transform")).isEqualTo(input);

    // a second target asking for the whole event would change what 'a' receives: refused
    JsonNode withA = doc;
    assertThatThrownBy(
            () ->
                RuleDocuments.withTargets(
                    withA, List.of(RuleDocuments.target("b", "two")), TargetInputs.WHOLE_EVENT))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("rule paid has targets [a] that receive another input");

    // the same input is fine, and 'a' put again without one takes the transform away
    doc = RuleDocuments.withTargets(doc, List.of(RuleDocuments.target("b", "two")), input);
    doc =
        RuleDocuments.withTargets(
            doc,
            List.of(RuleDocuments.target("a", "one"), RuleDocuments.target("b", "two")),
            TargetInputs.WHOLE_EVENT);
    assertThat(doc.at("/spec").has("transform")).isFalse();
    assertThat(RuleDocuments.targetCount(doc)).isEqualTo(2);
  }

  @Test
  void shouldPutTargetsByNameAndRemoveThem() {
    JsonNode doc = RuleDocuments.create("paid", "default", "{}", true);
    doc =
        RuleDocuments.withTargets(
            doc,
            List.of(RuleDocuments.target("a", "one"), RuleDocuments.target("b", "two")),
            TargetInputs.WHOLE_EVENT);
    doc =
        RuleDocuments.withTargets(
            doc, List.of(RuleDocuments.target("a", "three")), TargetInputs.WHOLE_EVENT);

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
