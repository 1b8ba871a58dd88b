package dev.railyard.rules.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of the stats topic. Key: {@code <source>/<instance>}, the publishing task (e.g.
 * {@code router.shop}) and a random id per publisher, so a restarted task writes a new key next to
 * the old one and the sum over all keys never goes back. Value: that publisher's cumulative counts,
 *
 * <pre>
 * {"rules":{"big-paid":{"matched":4123,"targets":{"billing":{"transformErrors":1,"failed":0}}}}}
 * </pre>
 *
 * Fields unknown here are ignored when read, so newer publishers can add figures. Stateless.
 */
public final class StatsRecords {

  /** The compacted topic every publisher writes its latest counts to. */
  public static final String TOPIC = "railyard.stats";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatsRecords() {}

  /** The key of one publisher's record. */
  public static String key(String source, String instance) {
    return source + "/" + instance;
  }

  /** The counts as compact JSON. */
  public static String write(StatsSnapshot snapshot) {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode rules = doc.putObject("rules");
    new TreeMap<>(snapshot.rules())
        .forEach(
            (name, counts) -> {
              ObjectNode rule = rules.putObject(name);
              rule.put("matched", counts.matched());
              ObjectNode targets = rule.putObject("targets");
              new TreeMap<>(counts.targets())
                  .forEach(
                      (target, t) ->
                          targets
                              .putObject(target)
                              .put("transformErrors", t.transformErrors())
                              .put("failed", t.failed()));
            });
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a record value back.
   *
   * @throws IllegalArgumentException when the value is not JSON of the shape above, or a count is
   *     not a non-negative integer; the message names the field
   */
  public static StatsSnapshot read(String value) {
    JsonNode doc;
    try {
      doc = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a record of " + TOPIC + " is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode rules = object(doc, "the record").path("rules");
    Map<String, StatsSnapshot.RuleCounts> read = new TreeMap<>();
    for (Map.Entry<String, JsonNode> rule : object(rules, "rules").properties()) {
      String where = "rules." + rule.getKey();
      JsonNode node = object(rule.getValue(), where);
      Map<String, StatsSnapshot.TargetCounts> targets = new TreeMap<>();
      JsonNode targetNodes = node.path("targets");
      if (!targetNodes.isMissingNode()) {
        for (Map.Entry<String, JsonNode> target :
            object(targetNodes, where + ".targets").properties()) {
          String at = where + ".targets." + target.getKey();
          JsonNode counts = object(target.getValue(), at);
          targets.put(
              target.getKey(),
              new StatsSnapshot.TargetCounts(
                  count(counts, "transformErrors", at), count(counts, "failed", at)));
        }
      }
      read.put(rule.getKey(), new StatsSnapshot.RuleCounts(count(node, "matched", where), targets));
    }
    return new StatsSnapshot(read);
  }

  private static JsonNode object(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " in a record of " + TOPIC + " must be an object");
    }
    return node;
  }

  private static long count(JsonNode parent, String field, String where) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode()) {
      return 0;
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() < 0) {
      throw new IllegalArgumentException(
          where
              + "."
              + field
              + " in a record of "
              + TOPIC
              + " must be a count (a whole number of 0 or more), not "
              + n);
    }
    return n.asLong();
  }
}
