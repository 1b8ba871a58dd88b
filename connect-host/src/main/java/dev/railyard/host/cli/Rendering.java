package dev.railyard.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns API answers into what a person reads. Stateless. */
final class Rendering {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());

  private Rendering() {}

  /** The API's answer as indented JSON; a body that is not JSON as it came. */
  static String json(ApiAnswer answer) {
    JsonNode node = answer.json();
    return node.isMissingNode() ? answer.body() : write(JSON, node).strip();
  }

  /** A JSON value as a YAML document, without the leading {@code ---}. */
  static String yaml(JsonNode node) {
    return write(YAML, node).stripTrailing();
  }

  /** One line per rule of an apply answer: {@code created paid-orders-to-billing}. */
  static List<String> actions(JsonNode applied) {
    List<String> lines = new ArrayList<>();
    for (JsonNode rule : applied.path("rules")) {
      lines.add(String.format("%-9s %s", rule.path("action").asText(), rule.path("name").asText()));
    }
    return lines;
  }

  /** The rules of a list answer as a table with the columns NAME BUS ENABLED TARGETS. */
  static List<String> table(JsonNode rules) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "BUS", "ENABLED", "TARGETS"});
    for (JsonNode rule : rules) {
      List<String> targets = new ArrayList<>();
      rule.path("targets").forEach(t -> targets.add(t.path("name").asText()));
      rows.add(
          new String[] {
            rule.path("name").asText(),
            rule.path("bus").asText(),
            rule.path("enabled").asText(),
            targets.isEmpty() ? "-" : String.join(",", targets)
          });
    }
    return columns(rows);
  }

  /** The buses as a table: NAME PARTITIONS RULES. */
  static List<String> buses(JsonNode buses) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "PARTITIONS", "RULES"});
    for (JsonNode bus : buses) {
      List<String> rules = new ArrayList<>();
      bus.path("rules").forEach(r -> rules.add(r.asText()));
      rows.add(
          new String[] {
            bus.path("name").asText(),
            bus.path("partitions").asText(),
            rules.isEmpty() ? "-" : String.join(",", rules)
          });
    }
    return columns(rows);
  }

  /** The installed plugins as a table: NAME VERSIONS CLASSES (of the newest version). */
  static List<String> plugins(JsonNode plugins) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "VERSIONS", "CLASSES"});
    for (JsonNode plugin : plugins) {
      List<String> versions = new ArrayList<>();
      plugin.path("versions").forEach(v -> versions.add(v.path("version").asText()));
      JsonNode newest = plugin.path("versions").path(plugin.path("versions").size() - 1);
      rows.add(
          new String[] {
            plugin.path("name").asText(),
            versions.isEmpty() ? "-" : String.join(",", versions),
            String.valueOf(newest.path("classes").size())
          });
    }
    return columns(rows);
  }

  /** Rows as left-aligned columns two spaces apart, the last one unpadded. */
  private static List<String> columns(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length - 1; i++) {
        line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      lines.add(line.append(row[row.length - 1]).toString());
    }
    return lines;
  }

  private static String write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
