package dev.railyard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Masks the secrets in the Connect answers that carry connector configs, so the pass-through never
 * shows them in clear either: {@code GET /connectors?expand=info}, {@code /connectors/{name}},
 * {@code /connectors/{name}/config} and {@code /connectors/{name}/tasks}. Other answers are relayed
 * untouched. Stateless apart from the masking rule it is given.
 */
final class ConnectSecrets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ONE = Pattern.compile("/connectors/[^/]+/?");
  private static final Pattern CONFIG = Pattern.compile("/connectors/[^/]+/config/?");
  private static final Pattern TASKS = Pattern.compile("/connectors/[^/]+/tasks/?");
  private static final Pattern LIST = Pattern.compile("/connectors/?");

  private final UnaryOperator<Map<String, String>> mask;

  ConnectSecrets(UnaryOperator<Map<String, String>> mask) {
    this.mask = mask;
  }

  /** The mask every answer shows in place of a secret. */
  static final String MASK = "********";

  /**
   * Whether a request writes a connector config: {@code POST /connectors}, {@code PUT .../config}.
   */
  static boolean writesConfig(io.vertx.core.http.HttpMethod method, String path) {
    return method == io.vertx.core.http.HttpMethod.POST && LIST.matcher(path).matches()
        || method == io.vertx.core.http.HttpMethod.PUT && CONFIG.matcher(path).matches();
  }

  /**
   * The config key in a write that holds the mask (a config read from an answer and sent back as it
   * was), or null. Written as is, it would replace the secret with the mask.
   */
  static String maskedKey(Buffer body) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      JsonNode config =
          root.has("config") && root.get("config").isObject() ? root.get("config") : root;
      var fields = config.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        if (MASK.equals(e.getValue().asText())) {
          return e.getKey();
        }
      }
      return null;
    } catch (IOException e) {
      return null; // not JSON: Connect answers for it
    }
  }

  /** Whether the answer to {@code GET <path>?<query>} (path without /connect) carries configs. */
  static boolean carriesConfigs(String path, String query) {
    return ONE.matcher(path).matches()
        || CONFIG.matcher(path).matches()
        || TASKS.matcher(path).matches()
        || LIST.matcher(path).matches() && query != null && query.contains("expand=info");
  }

  /** The body with every config in it masked; an unreadable body is returned as it is. */
  Buffer mask(String path, Buffer body) {
    JsonNode root;
    try {
      root = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      return body;
    }
    if (CONFIG.matcher(path).matches()) {
      root = masked(root);
    } else if (TASKS.matcher(path).matches()) {
      root.forEach(task -> replace(task, "config"));
    } else if (ONE.matcher(path).matches()) {
      replace(root, "config");
    } else {
      root.forEach(entry -> replace(entry.path("info"), "config"));
    }
    return Buffer.buffer(root.toString());
  }

  private void replace(JsonNode parent, String field) {
    if (parent instanceof ObjectNode object && object.get(field) != null) {
      object.set(field, masked(object.get(field)));
    }
  }

  private JsonNode masked(JsonNode config) {
    if (!config.isObject()) {
      return config;
    }
    Map<String, String> values = new LinkedHashMap<>();
    config.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return JSON.valueToTree(mask.apply(values));
  }
}
