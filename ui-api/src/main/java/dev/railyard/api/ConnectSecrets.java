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
 * shows them in clear either: whatever {@link ConnectAllowlist} says holds configs (lists with
 * {@code ?expand=info}, connector infos, configs, tasks, the answers of {@code POST /connectors},
 * of {@code PUT} and {@code PATCH .../config}, and of validation). Stateless apart from the masking
 * rule it is given.
 */
final class ConnectSecrets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CONFIG = Pattern.compile("/connectors/[^/]+/config/?");
  private static final Pattern LIST = Pattern.compile("/connectors/?");
  private static final Pattern VALIDATE =
      Pattern.compile("/connector-plugins/[^/]+/config/validate/?");

  private final UnaryOperator<Map<String, String>> mask;

  ConnectSecrets(UnaryOperator<Map<String, String>> mask) {
    this.mask = mask;
  }

  /** The mask every answer shows in place of a secret. */
  static final String MASK = "********";

  /**
   * Whether a request writes a connector config: {@code POST /connectors}, {@code PUT} or {@code
   * PATCH .../config}.
   */
  static boolean writesConfig(io.vertx.core.http.HttpMethod method, String path) {
    return method == io.vertx.core.http.HttpMethod.POST && LIST.matcher(path).matches()
        || (method == io.vertx.core.http.HttpMethod.PUT
                || method == io.vertx.core.http.HttpMethod.PATCH)
            && CONFIG.matcher(path).matches();
  }

  /**
   * Whether a request validates a config: {@code PUT /connector-plugins/{type}/config/validate}.
   */
  static boolean validatesConfig(io.vertx.core.http.HttpMethod method, String path) {
    return method == io.vertx.core.http.HttpMethod.PUT && VALIDATE.matcher(path).matches();
  }

  /**
   * The connector config a write or validation carries (the body, or its {@code config} object),
   * with its connector's name ({@code name} of the body of {@code POST /connectors}, else from the
   * path {@code /connectors/{name}/config}; null for a validation); null when the body is not a
   * JSON object, which Connect refuses itself.
   */
  static Written written(Buffer body, String path) {
    try {
      JsonNode root = JSON.readTree(body.getBytes());
      if (root == null || !root.isObject()) {
        return null;
      }
      JsonNode config =
          root.has("config") && root.get("config").isObject() ? root.get("config") : root;
      Map<String, String> values = new LinkedHashMap<>();
      config.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      String name = null;
      if (root.path("name").isTextual() && config != root) {
        name = root.get("name").asText();
      } else if (CONFIG.matcher(path).matches()) {
        name = path.split("/")[2];
      }
      return new Written(name, values);
    } catch (IOException e) {
      return null;
    }
  }

  /** A config in a request, as {@link #written} reads it. */
  record Written(String name, Map<String, String> config) {}

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

  /**
   * The body with every config in it masked, or null when a non-empty body is not JSON (it is then
   * not passed on: it might hold a config in clear).
   */
  Buffer mask(ConnectAllowlist.Shape shape, Buffer body) {
    if (body.length() == 0) {
      return body;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body.getBytes());
    } catch (IOException e) {
      return null;
    }
    if (root == null) {
      return null;
    }
    switch (shape) {
      case CONFIG -> root = masked(root);
      case TASKS -> root.forEach(task -> replace(task, "config"));
      case INFO -> replace(root, "config");
      case LIST -> root.forEach(entry -> replace(entry.path("info"), "config"));
      case VALIDATION -> maskValidation(root);
      case PLAIN -> {}
    }
    return Buffer.buffer(root.toString());
  }

  /** A validation answer echoes every value under {@code configs[].value.value}. */
  private void maskValidation(JsonNode root) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, ObjectNode> holders = new LinkedHashMap<>();
    for (JsonNode config : root.path("configs")) {
      if (config.path("value") instanceof ObjectNode value
          && value.path("name").isTextual()
          && value.path("value").isTextual()) {
        values.put(value.get("name").asText(), value.get("value").asText());
        holders.put(value.get("name").asText(), value);
      }
    }
    mask.apply(values)
        .forEach(
            (name, shown) -> {
              ObjectNode holder = holders.get(name);
              if (holder != null) {
                holder.put("value", shown);
              }
            });
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
