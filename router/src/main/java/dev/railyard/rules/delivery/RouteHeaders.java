package dev.railyard.rules.delivery;

import dev.railyard.rules.model.Topology;
import java.util.Collection;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The {@code railyard.rule} and {@code railyard.target} headers of the records a guard hands to its
 * hosted sink. The router writes delivery records without them (the delivery topic names both), so
 * the guard adds them from its config, as text, the way the target's string header converter read
 * them when the router wrote them; a record that has them already (written by an older router, a
 * replay or a redrive) keeps its own and gets no second one. Adding is idempotent: Connect hands a
 * retried batch over again as the same records. The two headers are made once and shared: they are
 * immutable.
 */
final class RouteHeaders {

  private final Header rule;
  private final Header target;

  RouteHeaders(String rule, String target) {
    this.rule = text(Topology.RULE_HEADER, rule);
    this.target = text(Topology.TARGET_HEADER, target);
  }

  /** Adds the rule and target headers to each record that lacks them. */
  void addTo(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      Headers headers = record.headers();
      if (headers.lastWithName(Topology.RULE_HEADER) == null) {
        headers.add(rule);
      }
      if (headers.lastWithName(Topology.TARGET_HEADER) == null) {
        headers.add(target);
      }
    }
  }

  private static Header text(String key, String value) {
    return new Fixed(key, Schema.OPTIONAL_STRING_SCHEMA, value);
  }

  /** An immutable header (Connect's own {@code ConnectHeader} is not public). */
  private record Fixed(String key, Schema schema, Object value) implements Header {

    @Override
    public Header with(Schema schema, Object value) {
      return new Fixed(key, schema, value);
    }

    @Override
    public Header rename(String key) {
      return new Fixed(key, schema, value);
    }
  }
}
