package dev.railyard.rules.transform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A template split once into literal chunks and slots: {@code literals[i]} comes before {@code
 * slots[i]}, and the last literal ends the text. Rendering is a walk over these arrays; nothing is
 * parsed per event unless the template is JSON-looking and could not be proven to always render
 * JSON (then each output is checked). Immutable.
 */
final class CompiledTemplate {

  private static final int SHOWN_OUTPUT = 200;
  private static final int ROOM_PER_SLOT = 16;

  private final String[] literals;
  private final Slot[] slots;
  private final boolean validate;
  private final boolean needsEventText;
  private final int literalLength;

  private CompiledTemplate(String[] literals, Slot[] slots, boolean validate) {
    this.literals = literals;
    this.slots = slots;
    this.validate = validate;
    boolean eventText = false;
    for (Slot slot : slots) {
      eventText |= slot.source() == Slot.Source.EVENT_JSON;
    }
    this.needsEventText = eventText;
    int length = 0;
    for (String literal : literals) {
      length += literal.length();
    }
    this.literalLength = length;
  }

  /**
   * Splits {@code template} and decides each placeholder's {@link Context} by scanning the text
   * once.
   */
  static CompiledTemplate compile(Transform.Template template) {
    String text = template.template();
    boolean json = looksLikeJson(text);
    List<Transform.Placeholder> found = Transform.Template.placeholders(text);
    String[] literals = new String[found.size() + 1];
    Slot[] slots = new Slot[found.size()];
    StringTracker tracker = new StringTracker();
    boolean splitsEscape = false;
    int pos = 0;
    for (int i = 0; i < slots.length; i++) {
      Transform.Placeholder placeholder = found.get(i);
      literals[i] = text.substring(pos, placeholder.offset());
      tracker.consume(literals[i]);
      splitsEscape |= tracker.inEscape();
      Context context = !json ? Context.TEXT : tracker.inString() ? Context.QUOTED : Context.BARE;
      slots[i] = slot(placeholder.name(), template.paths(), context);
      tracker.skipValue();
      pos = placeholder.offset() + placeholder.name().length() + 2;
    }
    literals[slots.length] = text.substring(pos);
    boolean validate = json && (splitsEscape || !isJson(probe(literals, slots)));
    return new CompiledTemplate(literals, slots, validate);
  }

  /** Whether every output is parsed before it is returned (see the class comment). */
  boolean validates() {
    return validate;
  }

  byte[] apply(JsonNode event, byte[] eventJson, String ruleName, Instant ingestionTime)
      throws TransformException {
    String output = render(event, eventJson, ruleName, ingestionTime, null);
    if (validate) {
      try {
        checkJson(output);
      } catch (JsonProcessingException e) {
        throw notJson(e, output, event, eventJson, ruleName, ingestionTime);
      }
    }
    return output.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Renders the template; when {@code starts} is not null, records where each slot's value begins.
   */
  private String render(
      JsonNode event, byte[] eventJson, String ruleName, Instant ingestionTime, int[] starts)
      throws TransformException {
    String eventText = needsEventText ? new String(eventJson, StandardCharsets.UTF_8) : null;
    StringBuilder out =
        new StringBuilder(
            literalLength
                + ROOM_PER_SLOT * slots.length
                + (eventText == null ? 0 : eventText.length()));
    for (int i = 0; i < slots.length; i++) {
      out.append(literals[i]);
      if (starts != null) {
        starts[i] = out.length();
      }
      Slot slot = slots[i];
      switch (slot.source()) {
        case PATH -> appendPath(out, slot, event, ruleName);
        case RULE_NAME -> JsonText.appendString(out, ruleName, slot.context());
        case INGESTION_TIME -> JsonText.appendString(out, ingestionTime.toString(), slot.context());
        case EVENT_JSON -> JsonText.appendJson(out, eventText, slot.context());
      }
    }
    return out.append(literals[slots.length]).toString();
  }

  private static void appendPath(StringBuilder out, Slot slot, JsonNode event, String ruleName)
      throws TransformException {
    try {
      JsonText.appendNode(out, slot.path().read(event), slot.context());
    } catch (JsonProcessingException e) {
      throw new TransformException(
          ruleName,
          "placeholder "
              + slot.describe()
              + " selected a value that cannot be written as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * The exception for an output that is not JSON, naming the placeholder just before the parse
   * error.
   */
  private TransformException notJson(
      JsonProcessingException e,
      String output,
      JsonNode event,
      byte[] eventJson,
      String ruleName,
      Instant ingestionTime)
      throws TransformException {
    int[] starts = new int[slots.length];
    render(event, eventJson, ruleName, ingestionTime, starts);
    long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
    String where = " (the template's own text is not JSON)";
    for (int i = slots.length - 1; i >= 0; i--) {
      if (starts[i] <= offset) {
        where = " after placeholder " + slots[i].describe();
        break;
      }
    }
    String shown =
        output.length() > SHOWN_OUTPUT ? output.substring(0, SHOWN_OUTPUT) + "..." : output;
    return new TransformException(
        ruleName,
        "the template looks like JSON but its output is not JSON"
            + where
            + ": "
            + e.getOriginalMessage()
            + "; output: "
            + shown,
        e);
  }

  private static Slot slot(String name, Map<String, JsonPath> paths, Context context) {
    JsonPath path = paths.get(name);
    if (path != null) {
      return new Slot(name, Slot.Source.PATH, path, context);
    }
    return switch (name) {
      case "railyard.rule-name" -> new Slot(name, Slot.Source.RULE_NAME, null, context);
      case "railyard.event.json" -> new Slot(name, Slot.Source.EVENT_JSON, null, context);
      case "railyard.ingestion-time" -> new Slot(name, Slot.Source.INGESTION_TIME, null, context);
      // the model rejects undefined placeholders; reaching this means a new predefined variable
      default -> throw new IllegalArgumentException("placeholder <" + name + "> has no value");
    };
  }

  /**
   * JSON-looking: the first character that is not white space opens an object, an array or a
   * string.
   */
  static boolean looksLikeJson(String template) {
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{' || c == '[' || c == '"';
      }
    }
    return false;
  }

  /**
   * The template with {@code null} for every bare slot and nothing for every quoted one. If that is
   * JSON, so is every output: a bare slot always receives one complete JSON value where {@code
   * null} stood, and a quoted slot escaped text that cannot end its string (slots inside an escape
   * sequence are excluded by the caller).
   */
  private static String probe(String[] literals, Slot[] slots) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < slots.length; i++) {
      out.append(literals[i]).append(slots[i].context() == Context.BARE ? "null" : "");
    }
    return out.append(literals[slots.length]).toString();
  }

  private static boolean isJson(String text) {
    try {
      checkJson(text);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** Parses {@code text} as exactly one JSON value, without building a tree. */
  private static void checkJson(String text) throws JsonProcessingException {
    try (JsonParser parser = JsonText.MAPPER.getFactory().createParser(text)) {
      if (parser.nextToken() == null) {
        throw new JsonParseException(parser, "no JSON value");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new JsonParseException(parser, "more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // a String source cannot fail to read
      throw new IllegalStateException(e);
    }
  }

  /**
   * Follows JSON text character by character to tell whether a position is inside a string literal.
   */
  private static final class StringTracker {
    private boolean inString;
    private boolean afterBackslash;
    private int hexLeft;

    void consume(String text) {
      for (int i = 0; i < text.length(); i++) {
        consume(text.charAt(i));
      }
    }

    private void consume(char c) {
      if (afterBackslash) {
        afterBackslash = false;
        hexLeft = c == 'u' ? 4 : 0;
      } else if (hexLeft > 0) {
        hexLeft--;
      } else if (c == '"') {
        inString = !inString;
      } else if (c == '\\' && inString) {
        afterBackslash = true;
      }
    }

    /** Skips a slot: its value completes an escape the literal before it began. */
    void skipValue() {
      afterBackslash = false;
      hexLeft = 0;
    }

    boolean inString() {
      return inString;
    }

    /** Whether the next character would belong to a backslash escape. */
    boolean inEscape() {
      return afterBackslash || hexLeft > 0;
    }
  }
}
