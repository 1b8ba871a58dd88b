package dev.railyard.rules.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path in the JSONPath subset that input transforms use, like EventBridge's {@code InputPath}:
 * the root {@code $}, then any of {@code .name}, {@code ['quoted name']}, {@code [0]} (array index)
 * and {@code [*]} (every element or member).
 *
 * <p>Immutable and thread-safe. No method accepts or returns null.
 *
 * @param segments the steps after {@code $}, unmodifiable
 */
public record JsonPath(List<Segment> segments) {

  /** Longest accepted path text (EventBridge's limit). */
  public static final int MAX_LENGTH = 256;

  /** The whole document, {@code $}. */
  public static final JsonPath ROOT = new JsonPath(List.of());

  public JsonPath {
    segments = List.copyOf(segments);
  }

  /** One step of a path. */
  public sealed interface Segment {}

  /** A member of an object, by name. */
  public record Key(String name) implements Segment {
    public Key {
      Objects.requireNonNull(name, "name");
    }
  }

  /** An element of an array, 0-based. */
  public record Index(int index) implements Segment {
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("negative index " + index);
      }
    }
  }

  /** Every element of an array or every member value of an object. */
  public record Wildcard() implements Segment {}

  /**
   * Parses a path.
   *
   * @throws JsonPathException when the text is not in the subset
   */
  public static JsonPath parse(String text) {
    Objects.requireNonNull(text, "text");
    return new JsonPathParser(text).parse();
  }

  /** Whether a {@code [*]} makes this path select a list of values. */
  public boolean isMulti() {
    return segments.stream().anyMatch(Wildcard.class::isInstance);
  }

  /**
   * What the path selects in {@code document}: the node, or {@link MissingNode} when absent; for a
   * path with {@code [*]}, an array of every value selected (possibly empty).
   */
  public JsonNode read(JsonNode document) {
    Objects.requireNonNull(document, "document");
    List<JsonNode> current = List.of(document);
    for (Segment segment : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        step(node, segment, next);
      }
      current = next;
    }
    if (isMulti()) {
      ArrayNode all = JsonNodeFactory.instance.arrayNode(current.size());
      current.forEach(all::add);
      return all;
    }
    return current.isEmpty() ? MissingNode.getInstance() : current.get(0);
  }

  private static void step(JsonNode node, Segment segment, List<JsonNode> into) {
    if (segment instanceof Key key) {
      if (node.isObject() && node.has(key.name())) {
        into.add(node.get(key.name()));
      }
    } else if (segment instanceof Index index) {
      if (node.isArray() && index.index() < node.size()) {
        into.add(node.get(index.index()));
      }
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(into::add);
    }
  }

  /** The canonical text: dotted names where possible, {@code ['...']} otherwise. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("$");
    for (Segment segment : segments) {
      if (segment instanceof Key key) {
        if (JsonPathParser.isPlainName(key.name())) {
          sb.append('.').append(key.name());
        } else {
          sb.append("['").append(key.name().replace("\\", "\\\\").replace("'", "\\'")).append("']");
        }
      } else if (segment instanceof Index index) {
        sb.append('[').append(index.index()).append(']');
      } else {
        sb.append("[*]");
      }
    }
    return sb.toString();
  }
}
