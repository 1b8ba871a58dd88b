package dev.railyard.rules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Reads in-memory events into an {@link EventBuffer}: Jackson trees and Java values ({@code Map},
 * {@code List}, primitives, as Kafka Connect's schemaless values are) in place, with the leaf texts
 * the JSON form of the same value would have. Connect {@code Struct}s arrive as maps through the
 * adapter {@code dev.railyard.rules.values.ConnectValues}. Stateless.
 */
final class ObjectEventReader {

  // named, not imported: this package works without connect-api on the class path
  private static final String STRUCT = "org.apache.kafka.connect.data.Struct";

  private ObjectEventReader() {}

  static boolean readTree(JsonNode root, PathTrie trie, EventBuffer event) {
    if (root == null || !root.isObject()) {
      return false;
    }
    treeObject(root, trie.root, event);
    return true;
  }

  private static void treeObject(JsonNode object, PathTrie.Node node, EventBuffer event) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      PathTrie.Node child = node.child(e.getKey());
      if (child != null) {
        treeValue(e.getValue(), child, event);
      }
    }
  }

  private static void treeValue(JsonNode value, PathTrie.Node node, EventBuffer event) {
    if (value.isObject()) {
      if (node.hasChildren()) {
        treeObject(value, node, event);
      }
    } else if (value.isArray()) {
      int id = event.newArray();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        boolean container = element.isContainerNode();
        if (container) {
          event.enterElement(id, i);
        }
        treeValue(element, node, event);
        if (container) {
          event.leaveElement();
        }
      }
    } else if (node.slot >= 0) {
      treeLeaf(value, node.slot, event);
    }
  }

  private static void treeLeaf(JsonNode value, int slot, EventBuffer event) {
    if (value.isTextual()) {
      event.add(slot, EventBuffer.STRING, value.textValue());
    } else if (value.isDouble() || value.isFloat()) {
      event.add(slot, EventBuffer.NUMBER, value.asText());
    } else if (value.isNumber()) {
      event.add(slot, EventBuffer.NUMBER, value.asText());
    } else if (value.isBoolean()) {
      event.add(slot, value.booleanValue() ? EventBuffer.TRUE : EventBuffer.FALSE, value.asText());
    } else if (value.isNull()) {
      event.add(slot, EventBuffer.NULL, "null");
    } else if (value.isBinary()) {
      event.add(slot, EventBuffer.STRING, value.asText());
    }
  }

  /**
   * Reads a Connect value; false when it is not a map (nothing can match it).
   *
   * @throws IllegalArgumentException for a Connect {@code Struct}, which only the adapter reads
   */
  static boolean readConnect(Object root, PathTrie trie, EventBuffer event) {
    if (root instanceof Map<?, ?> map) {
      connectMap(map, trie.root, event);
      return true;
    }
    if (root != null && root.getClass().getName().equals(STRUCT)) {
      throw new IllegalArgumentException(
          "a Connect Struct is matched through dev.railyard.rules.values.ConnectValues.matchable");
    }
    return false;
  }

  private static void connectMap(Map<?, ?> map, PathTrie.Node node, EventBuffer event) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      PathTrie.Node child = node.child(String.valueOf(e.getKey()));
      if (child != null) {
        connectValue(e.getValue(), child, event);
      }
    }
  }

  private static void connectValue(Object value, PathTrie.Node node, EventBuffer event) {
    if (value instanceof Map<?, ?> map) {
      if (node.hasChildren()) {
        connectMap(map, node, event);
      }
    } else if (value instanceof List<?> list) {
      connectList(list, node, event);
    } else if (node.slot >= 0) {
      connectLeaf(value, node.slot, event);
    }
  }

  private static void connectList(List<?> list, PathTrie.Node node, EventBuffer event) {
    int id = event.newArray();
    int index = 0;
    for (Object element : list) {
      boolean container = element instanceof Map || element instanceof List;
      if (container) {
        event.enterElement(id, index);
      }
      connectValue(element, node, event);
      if (container) {
        event.leaveElement();
      }
      index++;
    }
  }

  private static void connectLeaf(Object value, int slot, EventBuffer event) {
    if (value instanceof String s) {
      event.add(slot, EventBuffer.STRING, s);
    } else if (value == null) {
      event.add(slot, EventBuffer.NULL, "null");
    } else if (value instanceof Boolean b) {
      event.add(slot, b ? EventBuffer.TRUE : EventBuffer.FALSE, b.toString());
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        // JSON has no such number; Jackson (and so JsonConverter) writes it as a string
        event.add(slot, EventBuffer.STRING, d.toString());
      } else {
        event.addNumber(slot, d.toString(), Numbers.fromDouble(d));
      }
    } else if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      event.add(slot, EventBuffer.STRING, f.toString());
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Float
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      event.add(slot, EventBuffer.NUMBER, value.toString());
    } else if (value instanceof byte[] bytes) {
      event.add(slot, EventBuffer.STRING, Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      event.add(slot, EventBuffer.STRING, Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Date date) {
      event.add(slot, EventBuffer.NUMBER, Long.toString(date.getTime()));
    } else {
      event.add(slot, EventBuffer.STRING, value.toString());
    }
  }
}
