package dev.railyard.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The benchmark corpus, generated once per JVM: JSON texts and the same events as Connect values.
 * Two shapes: {@code citylots} ({@link CityLots}, event-ruler's citylots2) and {@code sflots}
 * ({@link SfLots}, the published lots file's shape), chosen by name or with {@code -Dcorpus=...}.
 */
final class Corpus {

  static final long SEED = 20261126L;
  static final int EVENTS = Integer.getInteger("corpus.events", 200_000);
  static final int CONNECT_EVENTS = Integer.getInteger("corpus.connectEvents", 50_000);

  static final String DEFAULT = System.getProperty("corpus", "citylots");

  private static String shape;
  private static List<String> json;
  private static Object[] connect;

  private Corpus() {}

  static String[] json() {
    return json(DEFAULT);
  }

  static Object[] connect() {
    return connect(DEFAULT);
  }

  /** The events of the named corpus; one corpus per JVM. */
  static synchronized String[] json(String name) {
    if (json == null) {
      json =
          switch (name) {
            case "citylots" -> CityLots.events(SEED, EVENTS);
            case "sflots" -> SfLots.events(SEED, EVENTS);
            default ->
                throw new IllegalArgumentException(
                    "unknown corpus " + name + "; known: citylots, sflots");
          };
      shape = name;
    }
    if (!shape.equals(name)) {
      throw new IllegalStateException("this JVM already holds the " + shape + " corpus");
    }
    return json.toArray(new String[0]);
  }

  /**
   * Values as a sink transform gets them from JsonConverter with schemas off (maps, lists, boxed
   * numbers).
   */
  static synchronized Object[] connect(String name) {
    if (connect == null) {
      JsonConverter converter = converter();
      String[] texts = json(name);
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
