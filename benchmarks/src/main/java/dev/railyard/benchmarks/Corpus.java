package dev.railyard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The benchmark corpus, generated once per JVM: JSON texts and the same events as Connect values.
 */
final class Corpus {

  static final long SEED = 20261126L;
  static final int EVENTS = Integer.getInteger("corpus.events", 200_000);
  static final int CONNECT_EVENTS = Integer.getInteger("corpus.connectEvents", 50_000);

  private static List<String> json;
  private static Object[] connect;

  private Corpus() {}

  static synchronized String[] json() {
    if (json == null) {
      json = CityLots.events(SEED, EVENTS);
    }
    return json.toArray(new String[0]);
  }

  /**
   * Values as a sink transform gets them from JsonConverter with schemas off (maps, lists, boxed
   * numbers).
   */
  static synchronized Object[] connect() {
    if (connect == null) {
      JsonConverter converter = converter();
      String[] texts = json();
      connect = new Object[Math.min(CONNECT_EVENTS, texts.length)];
      for (int i = 0; i < connect.length; i++) {
        connect[i] =
            converter.toConnectData("bus", texts[i].getBytes(StandardCharsets.UTF_8)).value();
      }
    }
    return connect;
  }

  static JsonConverter converter() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", false), false);
    return converter;
  }
}
