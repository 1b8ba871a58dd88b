package dev.railyard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RenderingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPrintOneAlignedLinePerAppliedRule() throws Exception {
    JsonNode applied =
        JSON.readTree(
            "{\"dryRun\": false, \"rules\": ["
                + "{\"name\": \"paid-orders-to-billing\", \"action\": \"created\"},"
                + "{\"name\": \"audit\", \"action\": \"unchanged\"}]}");

    assertThat(Rendering.actions(applied))
        .containsExactly("created   paid-orders-to-billing", "unchanged audit");
  }

  @Test
  void shouldTabulateRulesWithTheirTargets() throws Exception {
    JsonNode rules =
        JSON.readTree(
            "[{\"name\": \"paid-orders-to-billing\", \"bus\": \"shop\","
                + " \"enabled\": true, \"targets\": [{\"name\": \"billing\"}, {\"name\": \"audit\"}]},"
                + "{\"name\": \"x\", \"bus\": \"default\", \"enabled\": false, \"targets\": []}]");

    assertThat(Rendering.table(rules))
        .containsExactly(
            "NAME                    BUS      ENABLED  TARGETS",
            "paid-orders-to-billing  shop     true     billing,audit",
            "x                       default  false    -");
  }

  @Test
  void shouldWriteTheRuleDocumentAsYamlThatReadsBackTheSame() throws Exception {
    JsonNode doc =
        JSON.readTree(
            "{\"apiVersion\": \"railyard/v1\", \"kind\": \"Rule\","
                + " \"metadata\": {\"name\": \"r\"}, \"spec\": {\"bus\": \"shop\", \"enabled\": true,"
                + " \"pattern\": {\"type\": [\"order.paid\"], \"data\": {\"amount\": [{\"numeric\":"
                + " [\">\", 100]}], \"code\": [\"true\", \"007\"]}}}}");

    String yaml = Rendering.yaml(doc);

    assertThat(yaml).startsWith("apiVersion: railyard/v1\nkind: Rule\nmetadata:\n  name: r\n");
    assertThat(
            new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(yaml))
        .isEqualTo(doc);
  }

  @Test
  void shouldIndentJsonAnswersAndPassOtherBodiesThrough() {
    assertThat(Rendering.json(new ApiAnswer(200, "{\"matches\":true}")))
        .isEqualTo("{\n  \"matches\" : true\n}");
    assertThat(Rendering.json(new ApiAnswer(502, "Bad gateway"))).isEqualTo("Bad gateway");
  }
}
