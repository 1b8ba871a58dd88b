package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PutTargets target receives ({@code Input}, {@code InputPath}, {@code InputTransformer})
 * and how often it is retried ({@code RetryPolicy}), as the Railyard rule's {@code transform} and
 * the target's {@code retry}. Paths and template variables name EventBridge's envelope and are
 * mapped to the CloudEvent a bus holds ({@code $.detail} is {@code $.data}, {@code $.detail-type}
 * {@code $.type}, {@code <aws.events.rule-name>} {@code <railyard.rule-name>}), and back for
 * ListTargetsByRule. Stateless.
 */
final class TargetInputs {

  /** The target fields of EventBridge that name its input; at most one per target. */
  static final List<String> INPUT_FIELDS = List.of("Input", "InputPath", "InputTransformer");

  /** The whole event, no transform: what a target without an input field receives. */
  static final JsonNode WHOLE_EVENT = NullNode.getInstance();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A path's first field, EventBridge's name → the CloudEvent's. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "detail", "data",
          "detail-type", "type",
          "id", "id",
          "source", "source",
          "time", "time",
          "account", "account",
          "region", "region");

  private static final Map<String, String> VARIABLES =
      Map.of(
          "aws.events.rule-name", "railyard.rule-name",
          "aws.events.event.json", "railyard.event.json",
          "aws.events.event.ingestion-time", "railyard.ingestion-time");

  private static final Pattern FIRST_FIELD = Pattern.compile("^\\$\\.([A-Za-z][A-Za-z0-9_-]*)");
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");

  private TargetInputs() {}

  /**
   * The Railyard transform the target asks for: {@link #WHOLE_EVENT} without an input field.
   *
   * @param where the target's place in the call, e.g. {@code Targets[1]}, for messages
   * @throws AwsException a ValidationException naming the field and what would be valid
   */
  static JsonNode transformOf(JsonNode target, String where) {
    List<String> given = INPUT_FIELDS.stream().filter(target::has).toList();
    if (given.size() > 1) {
      throw AwsException.validation(
          where + " has " + String.join(" and ", given) + ": a target takes at most one of them");
    }
    if (given.isEmpty()) {
      return WHOLE_EVENT;
    }
    ObjectNode transform = JSON.createObjectNode();
    JsonNode value = target.get(given.get(0));
    String at = where + "." + given.get(0);
    switch (given.get(0)) {
      case "Input" -> transform.set("input", json(text(value, at, "a string of JSON text"), at));
      case "InputPath" ->
          transform.put("inputPath", toCloudEvent(text(value, at, "a JSONPath"), at));
      default -> {
        if (!value.isObject()) {
          throw AwsException.validation(at + " must be an object {InputPathsMap?, InputTemplate}");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!name.equals("InputPathsMap") && !name.equals("InputTemplate")) {
            throw AwsException.validation(
                at + "." + name + " is not a field of it: it has InputPathsMap and InputTemplate");
          }
        }
        ObjectNode paths = transform.putObject("paths");
        JsonNode map = value.path("InputPathsMap");
        if (!map.isMissingNode() && !map.isObject()) {
          throw AwsException.validation(at + ".InputPathsMap must be an object of JSONPaths");
        }
        map.fields()
            .forEachRemaining(
                e ->
                    paths.put(
                        e.getKey(),
                        toCloudEvent(
                            text(e.getValue(), at + ".InputPathsMap." + e.getKey(), "a JSONPath"),
                            at + ".InputPathsMap." + e.getKey())));
        transform.put(
            "template",
            variablesToRailyard(
                text(value.path("InputTemplate"), at + ".InputTemplate", "a string"),
                at + ".InputTemplate"));
      }
    }
    return transform;
  }

  /** The rule's transform as the input fields of each of its targets in EventBridge. */
  static void putInputOf(JsonNode transform, ObjectNode target) {
    if (transform == null || !transform.isObject()) {
      return;
    }
    if (transform.has("input")) {
      target.put("Input", transform.get("input").toString());
    } else if (transform.has("inputPath")) {
      target.put("InputPath", toEventBridge(transform.get("inputPath").asText()));
    } else if (transform.has("template")) {
      ObjectNode transformer = target.putObject("InputTransformer");
      ObjectNode paths = transformer.putObject("InputPathsMap");
      transform
          .path("paths")
          .fields()
          .forEachRemaining(e -> paths.put(e.getKey(), toEventBridge(e.getValue().asText())));
      transformer.put("InputTemplate", variablesToEventBridge(transform.get("template").asText()));
    }
  }

  /** The target's {@code RetryPolicy} as Railyard's {@code retry}, or null without one. */
  static ObjectNode retryOf(JsonNode target, String where) {
    JsonNode policy = target.get("RetryPolicy");
    if (policy == null) {
      return null;
    }
    String at = where + ".RetryPolicy";
    if (!policy.isObject()) {
      throw AwsException.validation(
          at + " must be an object {MaximumRetryAttempts?, MaximumEventAgeInSeconds?}");
    }
    ObjectNode retry = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      switch (field.getKey()) {
        case "MaximumRetryAttempts" ->
            retry.put(
                "maxAttempts", bounded(field.getValue(), at + ".MaximumRetryAttempts", 0, 185));
        case "MaximumEventAgeInSeconds" ->
            retry.put(
                "maxAgeSeconds",
                bounded(field.getValue(), at + ".MaximumEventAgeInSeconds", 60, 86_400));
        default ->
            throw AwsException.validation(
                at
                    + "."
                    + field.getKey()
                    + " is not a field of it: it has MaximumRetryAttempts and"
                    + " MaximumEventAgeInSeconds");
      }
    }
    return retry;
  }

  /** A Railyard target's {@code retry} as EventBridge's {@code RetryPolicy} on {@code target}. */
  static void putRetryOf(JsonNode retry, ObjectNode target) {
    if (retry == null || !retry.isObject()) {
      return;
    }
    ObjectNode policy = target.putObject("RetryPolicy");
    if (retry.has("maxAttempts")) {
      policy.put("MaximumRetryAttempts", retry.get("maxAttempts").asInt());
    }
    if (retry.has("maxAgeSeconds")) {
      policy.put("MaximumEventAgeInSeconds", retry.get("maxAgeSeconds").asInt());
    }
  }

  /** A JSONPath on EventBridge's envelope as the same path on the CloudEvent. */
  static String toCloudEvent(String path, String where) {
    if (path.equals("$")) {
      return path;
    }
    Matcher m = FIRST_FIELD.matcher(path);
    if (!m.find()) {
      throw AwsException.validation(
          where + " '" + path + "' must be a JSONPath starting $.<field>, e.g. $.detail.id");
    }
    String mapped = FIELDS.get(m.group(1));
    if (mapped == null) {
      throw AwsException.validation(
          where
              + " '"
              + path
              + "': Railyard's events have "
              + String.join(", ", FIELDS.keySet().stream().sorted().toList())
              + (m.group(1).equals("resources") || m.group(1).equals("version")
                  ? ", not " + m.group(1) + " as a list (see docs/eventbridge-api.md)"
                  : "; " + m.group(1) + " is not a field of an EventBridge event"));
    }
    return "$." + mapped + path.substring(m.end());
  }

  /** A JSONPath on the CloudEvent as EventBridge names it. */
  static String toEventBridge(String path) {
    Matcher m = FIRST_FIELD.matcher(path);
    if (!m.find()) {
      return path;
    }
    for (Map.Entry<String, String> field : FIELDS.entrySet()) {
      if (field.getValue().equals(m.group(1))) {
        return "$." + field.getKey() + path.substring(m.end());
      }
    }
    return path;
  }

  private static String variablesToRailyard(String template, String where) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String mapped = VARIABLES.get(name);
      if (mapped == null && name.startsWith("aws.")) {
        throw AwsException.validation(
            where
                + ": <"
                + name
                + "> is not a variable Railyard has; it has "
                + String.join(
                    ", ", VARIABLES.keySet().stream().sorted().map(v -> "<" + v + ">").toList()));
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement("<" + (mapped == null ? name : mapped) + ">"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String variablesToEventBridge(String template) {
    String out = template;
    for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
      out = out.replace("<" + v.getValue() + ">", "<" + v.getKey() + ">");
    }
    return out;
  }

  private static String text(JsonNode value, String where, String what) {
    if (value == null || !value.isTextual()) {
      throw AwsException.validation(where + " must be " + what);
    }
    return value.asText();
  }

  private static JsonNode json(String text, String where) {
    try {
      JsonNode node =
          JSON.readerFor(JsonNode.class)
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(text);
      if (node == null || node.isMissingNode()) {
        throw AwsException.validation(where + " must be valid JSON text, not empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw AwsException.validation(where + " must be valid JSON text: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int bounded(JsonNode value, String where, int min, int max) {
    if (!value.canConvertToInt()
        || !value.isIntegralNumber()
        || value.asInt() < min
        || value.asInt() > max) {
      throw AwsException.validation(where + " must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }
}
