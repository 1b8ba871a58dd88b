package dev.railyard.rules.pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The only place that touches Kafka Connect types, so the rest of the package works without
 * connect-api on the class path. Stateless.
 */
final class ConnectStructs {

  private ConnectStructs() {}

  static void fields(Object value, PathTrie.Node node, EventBuffer event) {
    Struct struct = (Struct) value;
    for (Field field : struct.schema().fields()) {
      PathTrie.Node child = node.child(field.name());
      if (child != null) {
        ObjectEventReader.connectValue(struct.get(field), child, event);
      }
    }
  }
}
