package dev.railyard.host.config;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Refuses settings Railyard does not define, naming the key, the nearest defined one and what is
 * valid. Only keys are named, never values, which may be secrets. Stateless.
 */
final class UnknownSettings {

  private UnknownSettings() {}

  /**
   * @return {@code props}, when every key is defined in {@code def} or passed to the workers
   * @throws ConfigException naming {@code source} and the first unknown key
   */
  static Map<String, String> reject(ConfigDef def, Map<String, String> props, String source) {
    for (String key : new TreeSet<>(props.keySet())) {
      if (def.names().contains(key) || key.startsWith(RailyardConfig.WORKER_PREFIX)) {
        continue;
      }
      if (KafkaClientConfig.isClientKey(key)) {
        throw new ConfigException(
            source
                + ": unknown Kafka client setting '"
                + key
                + "'"
                + suggestion(def, key)
                + ". Under "
                + KafkaClientConfig.PREFIX
                + " go security.protocol and the ssl.* and sasl.* settings of Kafka's clients; "
                + "bootstrap.servers is a setting of its own");
      }
      throw new ConfigException(
          source
              + ": unknown setting '"
              + key
              + "'"
              + suggestion(def, key)
              + ". Valid settings: "
              + String.join(", ", ownNames(def))
              + ", "
              + KafkaClientConfig.PREFIX
              + "<security.protocol, ssl.* or sasl.* Kafka client setting>, and "
              + RailyardConfig.WORKER_PREFIX
              + "<any Connect worker setting>");
    }
    return props;
  }

  /** The defined names but the Kafka client settings, which are listed as one family. */
  static TreeSet<String> ownNames(ConfigDef def) {
    TreeSet<String> names = new TreeSet<>(def.names());
    names.removeIf(KafkaClientConfig::isClientKey);
    return names;
  }

  private static String suggestion(ConfigDef def, String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : def.names()) {
      int d = distance(key, name);
      if (d < bestDistance) {
        bestDistance = d;
        best = name;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean '" + best + "'?)" : "";
  }

  // Levenshtein distance, for "did you mean" hints on a few dozen short keys
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    Arrays.setAll(prev, i -> i);
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
