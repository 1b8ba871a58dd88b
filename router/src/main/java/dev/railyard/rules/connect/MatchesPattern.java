package dev.railyard.rules.connect;

import dev.railyard.rules.connect.MatchesPatternConfig.Part;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.values.ConnectValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect predicate that is true for records matching an EventBridge event pattern, so that
 * any Connect cluster can filter records with Kafka's {@code Filter} transform (or apply any
 * transform conditionally):
 *
 * <pre>
 * transforms.onlyBigOrders.type=org.apache.kafka.connect.transforms.Filter
 * transforms.onlyBigOrders.predicate=isBigOrder
 * transforms.onlyBigOrders.negate=true
 * predicates.isBigOrder.type=dev.railyard.rules.connect.MatchesPattern
 * predicates.isBigOrder.pattern={"type":["order.paid"],"data":{"amount":[{"numeric":[">",100]}]}}
 * </pre>
 *
 * <p>The matched part ({@code field}: value, key or headers) may be a {@code Struct} or {@code Map}
 * (what {@code JsonConverter} gives with schemas on or off), matched in place without serializing
 * it, JSON text ({@code String}) or UTF-8 JSON bytes ({@code byte[]}). A null part, one that is not
 * a JSON object, and text or bytes that are not JSON never match; the first such record is logged
 * at WARN, later ones at DEBUG.
 *
 * <p>Connect configures a predicate once and then calls {@link #test} from the one task thread that
 * owns it; the compiled pattern is immutable, so {@code test} is also safe from several threads.
 * Not usable before {@link #configure}.
 *
 * @param <R> the record type: {@code SourceRecord} or {@code SinkRecord}
 */
public class MatchesPattern<R extends ConnectRecord<R>> implements Predicate<R> {

  private static final Logger log = LoggerFactory.getLogger(MatchesPattern.class);

  private Pattern pattern;
  private Part part;
  private boolean warned;

  @Override
  public ConfigDef config() {
    return MatchesPatternConfig.CONFIG_DEF;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    MatchesPatternConfig config = new MatchesPatternConfig(configs);
    this.pattern = config.pattern();
    this.part = config.part();
  }

  /**
   * True when the record's configured part matches the pattern; never throws for a record's
   * content.
   */
  @Override
  public boolean test(R record) {
    if (pattern == null) {
      throw new IllegalStateException("MatchesPattern is used before configure()");
    }
    if (record == null) {
      return false;
    }
    Object event =
        switch (part) {
          case VALUE -> matchable(record.value(), record.valueSchema());
          case KEY -> matchable(record.key(), record.keySchema());
          case HEADERS -> headers(record);
        };
    if (event == null) {
      return false;
    }
    try {
      return pattern.matches(event);
    } catch (IllegalArgumentException e) {
      unreadable(record, e);
      return false;
    }
  }

  // only a value with a schema can hold a Struct: a schemaless one (JsonConverter's maps) is read
  // as it is, with no view around it
  private static Object matchable(Object value, Schema schema) {
    return schema == null && !(value instanceof Struct) ? value : ConnectValues.matchable(value);
  }

  /** The headers as one object; a repeated name holds the list of its values in header order. */
  private static Map<String, Object> headers(ConnectRecord<?> record) {
    Map<String, List<Object>> byName = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      byName
          .computeIfAbsent(header.key(), k -> new ArrayList<>(1))
          .add(matchable(header.value(), header.schema()));
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    byName.forEach(
        (name, values) -> headers.put(name, values.size() == 1 ? values.get(0) : values));
    return headers;
  }

  private void unreadable(R record, IllegalArgumentException e) {
    String part = this.part.name().toLowerCase(Locale.ROOT);
    String where = "topic " + record.topic() + " partition " + record.kafkaPartition();
    if (!warned) {
      warned = true;
      log.warn(
          "The {} of a record in {} is not JSON, so it does not match {} ({}); later such records "
              + "are logged at DEBUG",
          part,
          where,
          pattern.source(),
          e.getMessage());
    } else {
      log.debug("The {} of a record in {} is not JSON: {}", part, where, e.getMessage());
    }
  }

  @Override
  public void close() {}

  @Override
  public String version() {
    return RouterSinkConnector.VERSION;
  }

  @Override
  public String toString() {
    return "MatchesPattern{field="
        + part
        + ", pattern="
        + (pattern == null ? null : pattern.source())
        + "}";
  }
}
