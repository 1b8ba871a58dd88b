package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Applying rules and reading what their file targets received, for the routing ITs. */
final class RuleFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RuleFixtures() {}

  static void applyOk(ApiClient api, String yaml) {
    ApiClient.Response r = api.post("/api/v1/rules:apply", yaml);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static List<JsonNode> awaitLines(Path file, int count) {
    await(count + " lines in " + file)
        .atMost(Duration.ofSeconds(120))
        .until(() -> linesOf(file).size() >= count);
    List<JsonNode> lines = linesOf(file);
    assertThat(lines).hasSize(count);
    return lines;
  }

  /**
   * The complete lines of a file a sink is writing, as JSON; a last line still being written (no
   * newline yet) is left for the next read.
   */
  static List<JsonNode> linesOf(Path file) {
    List<JsonNode> lines = new ArrayList<>();
    try {
      if (Files.exists(file)) {
        String text = Files.readString(file);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
          if (!line.isEmpty()) {
            lines.add(JSON.readTree(line));
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  /**
   * {@code GET /api/v1/rules} without the figures of each target, which move while events flow:
   * what a test may compare for equality.
   */
  static JsonNode rulesWithoutFigures(ApiClient api) {
    ApiClient.Response r = api.get("/api/v1/rules");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode rules = r.json();
    for (JsonNode rule : rules) {
      for (JsonNode target : rule.path("targets")) {
        ((ObjectNode) target).remove("stats");
      }
    }
    return rules;
  }

  /** The figures of a rule's target (by its place in the rule), as the API shows them. */
  static JsonNode targetStats(ApiClient api, String rule, int target) {
    return api.get("/api/v1/rules/" + rule).json().path("targets").path(target).path("stats");
  }
}
