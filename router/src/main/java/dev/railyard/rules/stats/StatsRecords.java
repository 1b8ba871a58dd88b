package dev.railyard.rules.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.rules.model.Topology;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The records of the stats topic. Key: {@code <source>/<instance>}, the publishing task (e.g.
 * {@code router.shop}) and a random id per publisher, so a restarted task writes a new key next to
 * the old one and the sum over all keys never goes back. Value: that publisher's cumulative counts,
 *
 * <pre>
 * {"rules":{"big-paid":{"matched":4123,"targets":{"billing":{"transformErrors":1,"failed":0}}}}}
 * </pre>
 *
 * A publisher's last write, when its task stops, adds {@code "finished":true}. The control plane
 * folds finished runs (and runs silent for long) into one record under {@link #FOLD_KEY}, whose
 * value also lists the keys it folded, {@code "folded":["router.shop/0b6e"]}, and then deletes
 * them, so the topic holds one record per running task plus one: readers sum the fold and every run
 * it does not list.
 *
 * <p>Fields unknown here are ignored when read, so newer publishers can add figures. Stateless.
 */
public final class StatsRecords {

  /** The compacted topic every publisher writes its latest counts to. */
  public static final String TOPIC = Topology.STATS_TOPIC;

  /** The key of the record holding the counts of the runs folded so far. */
  public static final String FOLD_KEY = "railyard/folded";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A record read back.
   *
   * @param finished whether the run wrote it as it stopped
   * @param folded for the fold record, the keys of the runs it holds; empty otherwise
   */
  public record Entry(StatsSnapshot counts, boolean finished, Set<String> folded) {}

  private StatsRecords() {}

  /** The key of one publisher's record. */
  public static String key(String source, String instance) {
    return source + "/" + instance;
  }

  /** The counts as compact JSON. */
  public static String write(StatsSnapshot snapshot) {
    return json(counts(snapshot));
  }

  /** A run's last counts, written as its task stops. */
  public static String writeFinished(StatsSnapshot snapshot) {
    ObjectNode doc = counts(snapshot);
    doc.put("finished", true);
    return json(doc);
  }

  /** The fold record: the counts of the runs {@code folded} summed. */
  public static String writeFold(StatsSnapshot snapshot, Collection<String> folded) {
    ObjectNode doc = counts(snapshot);
    ArrayNode keys = doc.putArray("folded");
    new TreeSet<>(folded).forEach(keys::add);
    return json(doc);
  }

  private static String json(ObjectNode doc) {
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode counts(StatsSnapshot snapshot) {
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
    return doc;
  }

  /**
   * Reads a record value back with what it says of its run.
   *
   * @throws IllegalArgumentException as {@link #read}, or when {@code folded} is not a list of keys
   */
  public static Entry entry(String value) {
    JsonNode doc = parse(value);
    Set<String> folded = new TreeSet<>();
    JsonNode keys = doc.path("folded");
    if (!keys.isMissingNode()) {
      if (!keys.isArray()) {
        throw new IllegalArgumentException("folded in a record of " + TOPIC + " must be a list");
      }
      keys.forEach(k -> folded.add(k.asText()));
    }
    return new Entry(counts(doc), doc.path("finished").asBoolean(false), folded);
  }

  /**
   * Reads a record value back.
   *
   * @throws IllegalArgumentException when the value is not JSON of the shape above, or a count is
   *     not a non-negative integer; the message names the field
   */
  public static StatsSnapshot read(String value) {
    return counts(parse(value));
  }

  private static JsonNode parse(String value) {
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a record of " + TOPIC + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static StatsSnapshot counts(JsonNode doc) {
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
