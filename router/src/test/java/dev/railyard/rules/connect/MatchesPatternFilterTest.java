package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/** MatchesPattern as users configure it: behind Kafka's own Filter, with and without negate. */
class MatchesPatternFilterTest {

  private static final String BIG_ORDER =
      "{\"type\":[\"order.paid\"],\"data\":{\"amount\":[{\"numeric\":[\">\",100]}]}}";

  @Test
  void shouldKeepOnlyMatchingRecordsWhenFilterIsNegated() {
    try (MatchesPattern<SinkRecord> predicate = predicate()) {
      assertThat(keeps(predicate, true, order(500))).isTrue();
      assertThat(keeps(predicate, true, order(5))).isFalse();
    }
  }

  @Test
  void shouldDropMatchingRecordsWithoutNegate() {
    try (MatchesPattern<SinkRecord> predicate = predicate()) {
      assertThat(keeps(predicate, false, order(500))).isFalse();
      assertThat(keeps(predicate, false, order(5))).isTrue();
    }
  }

  private static MatchesPattern<SinkRecord> predicate() {
    MatchesPattern<SinkRecord> predicate = new MatchesPattern<>();
    predicate.configure(Map.of("pattern", BIG_ORDER));
    return predicate;
  }

  // Connect applies a transformation when predicate.test(record) != negate (TransformationStage)
  private static boolean keeps(Predicate<SinkRecord> predicate, boolean negate, SinkRecord record) {
    try (Filter<SinkRecord> filter = new Filter<>()) {
      filter.configure(Map.of());
      boolean apply = predicate.test(record) != negate;
      return (apply ? filter.apply(record) : record) != null;
    }
  }

  private static SinkRecord order(int amount) {
    String json = "{\"type\":\"order.paid\",\"data\":{\"amount\":" + amount + "}}";
    return new SinkRecord("orders", 0, null, null, null, json, 0);
  }
}
