package dev.railyard.rules.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A rule's input transform, compiled once and applied to every event the rule matches, with the
 * semantics of EventBridge's {@code InputPath} and {@code InputTransformer}:
 *
 * <ul>
 *   <li>{@link Transform.WholeEvent}: the event's bytes, unchanged;
 *   <li>{@link Transform.InputPath}: the JSON of the value the path selects; {@code null} when it
 *       selects nothing, so targets always receive JSON;
 *   <li>{@link Transform.Constant}: the constant's JSON text;
 *   <li>{@link Transform.Template}: the template with each {@code <variable>} replaced. In a
 *       template that looks like JSON (its first non-blank character is <code>{</code>, {@code [}
 *       or {@code "}), a placeholder outside a string literal receives the value's JSON (strings
 *       quoted; {@code null} when the path selects nothing) and one inside a string literal
 *       receives the value's text escaped for JSON (a string without quotes, an object or array as
 *       its JSON text; nothing when the path selects nothing); the output must be JSON. In any
 *       other template values are inserted as plain text (strings without quotes, nothing for a
 *       missing value). {@code <railyard.event.json>} is the event's JSON text, {@code
 *       <railyard.rule-name>} the rule's name and {@code <railyard.ingestion-time>} the ISO-8601
 *       instant, all three written by the same rules.
 * </ul>
 *
 * <p>Immutable and thread-safe: one instance serves every event of its rule on any number of
 * threads.
 */
public final class Transformer {

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final Kind kind;
  private final JsonPath path;
  private final byte[] constant;
  private final CompiledTemplate template;

  private enum Kind {
    WHOLE_EVENT,
    INPUT_PATH,
    CONSTANT,
    TEMPLATE
  }

  private Transformer(Kind kind, JsonPath path, byte[] constant, CompiledTemplate template) {
    this.kind = kind;
    this.path = path;
    this.constant = constant;
    this.template = template;
  }

  /**
   * Compiles a transform. Templates are split into literal text and slots here, so that applying
   * one per event is a single pass without regular expressions.
   *
   * @param transform the rule's transform; not null
   * @throws IllegalArgumentException only for a placeholder the model accepted but that has no
   *     value here
   */
  public static Transformer of(Transform transform) {
    Objects.requireNonNull(transform, "transform");
    if (transform instanceof Transform.WholeEvent) {
      return new Transformer(Kind.WHOLE_EVENT, null, null, null);
    } else if (transform instanceof Transform.InputPath inputPath) {
      return new Transformer(Kind.INPUT_PATH, inputPath.path(), null, null);
    } else if (transform instanceof Transform.Constant constant) {
      return new Transformer(
          Kind.CONSTANT, null, constant.json().getBytes(StandardCharsets.UTF_8), null);
    }
    return new Transformer(
        Kind.TEMPLATE, null, null, CompiledTemplate.compile((Transform.Template) transform));
  }

  /**
   * The payload every target of the rule receives for one event.
   *
   * @param event the event; may be null only when {@link #needsEvent} is false
   * @param eventJson the UTF-8 JSON text {@code event} was read from; not null. Returned as it is,
   *     not copied, for {@link Transform.WholeEvent}
   * @param ruleName the rule's name, for {@code <railyard.rule-name>} and error messages; not null
   * @param ingestionTime when the bus received the event, for {@code <railyard.ingestion-time>};
   *     not null
   * @return UTF-8 bytes, never null; a new array except for {@link Transform.WholeEvent}
   * @throws TransformException when this event cannot be transformed, chiefly when a JSON-looking
   *     template renders text that is not JSON; the message names the rule, the placeholder and the
   *     reason
   */
  public byte[] apply(JsonNode event, byte[] eventJson, String ruleName, Instant ingestionTime)
      throws TransformException {
    if (needsEvent()) {
      Objects.requireNonNull(event, "event");
    }
    Objects.requireNonNull(eventJson, "eventJson");
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(ingestionTime, "ingestionTime");
    return switch (kind) {
      case WHOLE_EVENT -> eventJson;
      case INPUT_PATH -> select(event, ruleName);
      case CONSTANT -> constant.clone();
      case TEMPLATE -> template.apply(event, eventJson, ruleName, ingestionTime);
    };
  }

  /** Whether {@link #apply} returns the event itself, not a payload made from it. */
  public boolean wholeEvent() {
    return kind == Kind.WHOLE_EVENT;
  }

  /**
   * The media type of what {@link #apply} returned, for the {@code content-type} of a record that
   * carries it: {@code application/json} for a JSONPath selection, and for a constant or a template
   * whose output starts (after white space) with an object, array or string; else {@code
   * text/plain; charset=utf-8}. A template that makes a bare number or literal is text here.
   *
   * @param output what {@link #apply} returned; not null
   */
  public String mediaType(byte[] output) {
    if (kind == Kind.WHOLE_EVENT || kind == Kind.INPUT_PATH) {
      return JSON_MEDIA_TYPE;
    }
    for (byte b : output) {
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
        continue;
      }
      return b == '{' || b == '[' || b == '"' ? JSON_MEDIA_TYPE : TEXT_MEDIA_TYPE;
    }
    return TEXT_MEDIA_TYPE;
  }

  /** The media type of JSON output. */
  public static final String JSON_MEDIA_TYPE = "application/json";

  /** The media type of text output that is not JSON. */
  public static final String TEXT_MEDIA_TYPE = "text/plain; charset=utf-8";

  /**
   * Whether {@link #apply} reads the parsed event; when not (the whole event, a constant) the
   * caller may pass null for it and spare parsing the event into a tree.
   */
  public boolean needsEvent() {
    return kind == Kind.INPUT_PATH || kind == Kind.TEMPLATE;
  }

  private byte[] select(JsonNode event, String ruleName) throws TransformException {
    JsonNode selected = path.read(event);
    if (selected.isMissingNode()) {
      return NULL.clone();
    }
    try {
      return JsonText.MAPPER.writeValueAsBytes(selected);
    } catch (JsonProcessingException e) {
      throw new TransformException(
          ruleName,
          "input path "
              + path
              + " selected a value that cannot be written as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case WHOLE_EVENT -> "Transformer[whole event]";
      case INPUT_PATH -> "Transformer[input path " + path + "]";
      case CONSTANT -> "Transformer[constant]";
      case TEMPLATE -> "Transformer[template]";
    };
  }
}
