package dev.railyard.sinks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Counted test events: {@code {"id":"e-N","key":"k-K","seq":S}} with key {@code k-K}, the S-th
 * event of its key, and what an endpoint received of them.
 */
final class Events {

  private static final Pattern EVENT =
      Pattern.compile("\\{\"id\":\"(e-\\d+)\",\"key\":\"(k-\\d+)\",\"seq\":(\\d+)}");

  private Events() {}

  /** {@code n} events over {@code keys} keys, round robin, each with a railyard.event.id. */
  static List<SinkRecord> of(int n, int keys) {
    List<SinkRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String key = "k-" + (i % keys);
      ConnectHeaders headers = new ConnectHeaders();
      headers.addString("railyard.event.id", "e-" + i);
      headers.addString("railyard.rule", "orders");
      String value = "{\"id\":\"e-" + i + "\",\"key\":\"" + key + "\",\"seq\":" + i / keys + "}";
      records.add(
          new SinkRecord(
              "railyard.to.orders.hook",
              0,
              Schema.STRING_SCHEMA,
              key,
              null,
              value,
              i,
              null,
              null,
              headers));
    }
    return records;
  }

  /** The ids of every event in the requests that got a 2xx, in arrival order, repeats kept. */
  static List<String> delivered(List<LocalEndpoint.Request> requests) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Integer> event : deliveredEvents(requests)) {
      ids.add(event.getKey().split(" ")[0]);
    }
    return ids;
  }

  /**
   * Per key, the sequence numbers in the order their first delivery arrived; in order when the list
   * of each key is sorted.
   */
  static Map<String, List<Integer>> firstDeliveriesByKey(List<LocalEndpoint.Request> requests) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, Integer> event : deliveredEvents(requests)) {
      String[] idAndKey = event.getKey().split(" ");
      if (seen.add(idAndKey[0])) {
        byKey.computeIfAbsent(idAndKey[1], k -> new ArrayList<>()).add(event.getValue());
      }
    }
    return byKey;
  }

  private static List<Map.Entry<String, Integer>> deliveredEvents(
      List<LocalEndpoint.Request> requests) {
    List<Map.Entry<String, Integer>> events = new ArrayList<>();
    for (LocalEndpoint.Request request : requests) {
      if (request.status() / 100 != 2) {
        continue;
      }
      Matcher m = EVENT.matcher(request.body());
      while (m.find()) {
        events.add(Map.entry(m.group(1) + " " + m.group(2), Integer.parseInt(m.group(3))));
      }
    }
    return events;
  }
}
