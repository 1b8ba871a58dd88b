package dev.railyard.benchmarks.routing;

import dev.railyard.rules.model.Topology;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Plain Kafka Connect's side of the benchmark: FileStreamSinks on a bus topic, created through
 * Connect's REST API, optionally routing the Kafka way behind {@code MatchesPattern} and {@code
 * Filter}.
 */
final class PlainSinks {

  private PlainSinks() {}

  /** The pattern of one of the backlog's groups: a tenth of its events. */
  static String groupPattern(int group) {
    return "{\"data\": {\"group\": [" + group + "]}}";
  }

  /**
   * Creates a FileStreamSink {@code name} on the bus topic writing {@code <out>/<name>.txt},
   * dropping what does not match {@code pattern} when one is given; answers its name.
   */
  static String create(RailyardProcess railyard, Path out, String name, String bus, String pattern)
      throws Exception {
    StringBuilder config = new StringBuilder();
    config.append(
        String.format(
            Locale.ROOT,
            "{\"connector.class\": \"FileStreamSink\", \"tasks.max\": \"1\", \"topics\": \"%s\","
                + " \"file\": \"%s\","
                + " \"key.converter\": \"org.apache.kafka.connect.converters.ByteArrayConverter\","
                + " \"value.converter\": \"org.apache.kafka.connect.storage.StringConverter\"",
            Topology.busTopic(bus),
            out.resolve(name + ".txt")));
    if (pattern != null) {
      config.append(
          String.format(
              Locale.ROOT,
              ", \"transforms\": \"only\","
                  + " \"transforms.only.type\": \"org.apache.kafka.connect.transforms.Filter\","
                  + " \"transforms.only.predicate\": \"matches\", \"transforms.only.negate\": \"true\","
                  + " \"predicates\": \"matches\","
                  + " \"predicates.matches.type\": \"dev.railyard.rules.connect.MatchesPattern\","
                  + " \"predicates.matches.pattern\": %s",
              quote(pattern)));
    }
    config.append('}');
    HttpResponse<String> put =
        railyard.connect("PUT", "/connectors/" + name + "/config", config.toString());
    if (put.statusCode() / 100 != 2) {
      throw new IOException(
          "creating " + name + " answered " + put.statusCode() + ": " + put.body());
    }
    return name;
  }

  private static String quote(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
