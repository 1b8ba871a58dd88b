package dev.railyard.rules.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule sends to its targets for a matched event, as EventBridge's input transformation: the
 * whole event, the part an {@code inputPath} selects, a constant, or a {@code template} filled from
 * {@code paths}.
 *
 * <p>Every implementation is an immutable, thread-safe record with no null components.
 */
public sealed interface Transform {

  /** Template variables every rule has. */
  List<String> PREDEFINED =
      List.of("railyard.rule-name", "railyard.event.json", "railyard.ingestion-time");

  /** Names of {@code paths} variables. */
  Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Most {@code paths} variables in one transform (EventBridge's limit). */
  int MAX_PATHS = 100;

  /** Longest template (EventBridge's limit). */
  int MAX_TEMPLATE_LENGTH = 8192;

  /** No transform: targets get the event as it is on the bus. */
  record WholeEvent() implements Transform {}

  /** Targets get the part of the event {@code path} selects. */
  record InputPath(JsonPath path) implements Transform {
    public InputPath {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Targets get the same JSON value for every event.
   *
   * @param json the value as compact JSON text
   */
  record Constant(String json) implements Transform {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when {@code json} is not one JSON value
     */
    public Constant {
      Objects.requireNonNull(json, "json");
      try {
        JSON.readTree(json);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("input is not JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  /**
   * Targets get {@code template} with every {@code <variable>} replaced by what its path selects or
   * by a {@linkplain #PREDEFINED predefined} value, as EventBridge's {@code InputPathsMap} and
   * {@code InputTemplate}.
   *
   * @param paths variable name to path, unmodifiable, in the order written; may be empty
   * @param template text with {@code <variable>} placeholders, each naming a path or a predefined
   *     variable
   */
  record Template(Map<String, JsonPath> paths, String template) implements Transform {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");

    /**
     * @throws IllegalArgumentException for a bad variable name, too many paths or an undefined
     *     placeholder
     */
    public Template {
      Objects.requireNonNull(paths, "paths");
      Objects.requireNonNull(template, "template");
      paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
      if (paths.size() > MAX_PATHS) {
        throw new IllegalArgumentException("at most " + MAX_PATHS + " paths are allowed");
      }
      if (template.length() > MAX_TEMPLATE_LENGTH) {
        throw new IllegalArgumentException(
            "the template is longer than " + MAX_TEMPLATE_LENGTH + " characters");
      }
      for (String name : paths.keySet()) {
        if (!VARIABLE.matcher(name).matches()) {
          throw new IllegalArgumentException(variableProblem(name));
        }
      }
      for (Placeholder p : placeholders(template)) {
        if (!isDefined(p.name(), paths)) {
          throw new IllegalArgumentException(undefined(p.name(), paths));
        }
      }
    }

    /** Every {@code <name>} in {@code template}, in order. */
    public static List<Placeholder> placeholders(String template) {
      List<Placeholder> found = new ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(template);
      while (m.find()) {
        found.add(new Placeholder(m.group(1), m.start()));
      }
      return found;
    }

    /** Whether a placeholder named {@code name} has a value. */
    public static boolean isDefined(String name, Map<String, ?> paths) {
      return paths.containsKey(name) || PREDEFINED.contains(name);
    }

    /** The message for a placeholder that names neither a path nor a predefined variable. */
    public static String undefined(String name, Map<String, ?> paths) {
      List<String> defined = new ArrayList<>(paths.keySet());
      defined.addAll(PREDEFINED);
      return "placeholder <"
          + name
          + "> is not defined; defined: <"
          + String.join(">, <", defined)
          + ">";
    }

    /** The message for a {@code paths} key that cannot name a variable. */
    public static String variableProblem(String name) {
      return "'"
          + name
          + "' is not a valid variable name; use 1 to 64 letters, digits, '_' and '-'";
    }
  }

  /**
   * A {@code <name>} in a template.
   *
   * @param name the text between the brackets
   * @param offset 0-based offset of the '<' in the template
   */
  record Placeholder(String name, int offset) {}
}
