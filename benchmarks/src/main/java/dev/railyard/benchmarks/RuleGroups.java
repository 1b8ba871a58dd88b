package dev.railyard.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * event-ruler's city-lots benchmark rule groups (same rules, five per group), and generated rule
 * sets of any size.
 */
public final class RuleGroups {

  static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put(
        "exact",
        props(
            "MAPBLKLOT",
            "\"1430022\"",
            "\"2607117\"",
            "\"2607218\"",
            "\"3745012\"",
            "\"VACSTWIL\""));
    GROUPS.put(
        "prefix",
        props(
            "STREET",
            "{\"prefix\":\"AC\"}",
            "{\"prefix\":\"BL\"}",
            "{\"prefix\":\"DR\"}",
            "{\"prefix\":\"FU\"}",
            "{\"prefix\":\"RH\"}"));
    GROUPS.put(
        "suffix",
        props(
            "STREET",
            "{\"suffix\":\"ON\"}",
            "{\"suffix\":\"KE\"}",
            "{\"suffix\":\"MM\"}",
            "{\"suffix\":\"ING\"}",
            "{\"suffix\":\"GO\"}"));
    GROUPS.put(
        "equals-ignore-case",
        List.of(
            prop("STREET", "{\"equals-ignore-case\":\"jefferson\"}"),
            prop("STREET", "{\"equals-ignore-case\":\"bEaCh\"}"),
            prop("STREET", "{\"equals-ignore-case\":\"HyDe\"}"),
            prop("STREET", "{\"equals-ignore-case\":\"CHESTNUT\"}"),
            prop("ST_TYPE", "{\"equals-ignore-case\":\"st\"}")));
    GROUPS.put(
        "wildcard",
        props(
            "MAPBLKLOT",
            "{\"wildcard\":\"143*\"}",
            "{\"wildcard\":\"2*0*1*7\"}",
            "{\"wildcard\":\"*218\"}",
            "{\"wildcard\":\"3*5*2\"}",
            "{\"wildcard\":\"VA*IL\"}"));
    GROUPS.put(
        "numeric",
        List.of(
            "{\"geometry\":{\"type\":[\"Polygon\"],\"firstCoordinates\":{\"x\":[{\"numeric\":[\"=\",-122.42916360922355]}]}}}",
            "{\"geometry\":{\"type\":[\"MultiPolygon\"],\"firstCoordinates\":{\"z\":[{\"numeric\":[\"=\",0]}]}}}",
            "{\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\"<\",-122.41600944012424]}]}}}",
            "{\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\">\",-122.41600944012424]}]}}}",
            "{\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\">\",-122.46471267081272,\"<\",-122.4063085128395]}]}}}"));
    GROUPS.put(
        "anything-but",
        List.of(
            prop("STREET", "{\"anything-but\":[\"FULTON\"]}"),
            prop("STREET", "{\"anything-but\":[\"MASON\"]}"),
            prop("ST_TYPE", "{\"anything-but\":[\"ST\"]}"),
            "{\"geometry\":{\"type\":[{\"anything-but\":[\"Polygon\"]}]}}",
            prop("FROM_ST", "{\"anything-but\":[\"441\"]}")));
    GROUPS.put(
        "arrays",
        List.of(
            "{\"geometry\":{\"type\":[\"Polygon\"],\"coordinates\":{\"x\":[{\"numeric\":[\"=\",-122.42916360922355]}]}}}",
            "{\"geometry\":{\"type\":[\"MultiPolygon\"],\"coordinates\":{\"y\":[{\"numeric\":[\"=\",37.729900216217324]}]}}}",
            "{\"geometry\":{\"coordinates\":{\"x\":[{\"numeric\":[\"<\",-122.41600944012424]}]}}}",
            "{\"geometry\":{\"coordinates\":{\"x\":[{\"numeric\":[\">\",-122.41600944012424]}]}}}",
            "{\"geometry\":{\"coordinates\":{\"x\":[{\"numeric\":[\">\",-122.46471267081272,\"<\",-122.4063085128395]}]}}}"));
    List<String> all = GROUPS.values().stream().flatMap(List::stream).toList();
    GROUPS.put("combined", all);
  }

  // a few shared thresholds: event-ruler takes minutes to add thousands of distinct numeric ranges
  private static final String[] THRESHOLDS = {
    "-122.5", "-122.48", "-122.46", "-122.44", "-122.42", "-122.4", "-122.38", "-122.36"
  };

  private RuleGroups() {}

  /** The names of the groups, in the order the tables list them. */
  public static List<String> names() {
    return List.copyOf(GROUPS.keySet());
  }

  /** The named rules of a group: {@code <group>-<n>} to pattern. */
  public static Map<String, String> group(String name) {
    List<String> rules = GROUPS.get(name);
    if (rules == null) {
      throw new IllegalArgumentException(
          "unknown rule group " + name + "; known: " + GROUPS.keySet());
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      named.put(name + '-' + i, rules.get(i));
    }
    return named;
  }

  /**
   * {@code count} routing rules of the shapes a bus carries: each names a lot or a block (the
   * selective field), most add a condition on another field (street prefix, a numeric range,
   * anything-but).
   */
  public static Map<String, String> generated(long seed, int count) {
    Random r = new Random(seed);
    Map<String, String> rules = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String lot = String.format(Locale.ROOT, "%04d%03d", r.nextInt(7600), r.nextInt(120));
      String props =
          r.nextInt(5) == 0
              ? "\"BLOCK_NUM\":[\"" + lot.substring(0, 4) + "\"]"
              : "\"MAPBLKLOT\":[\"" + lot + "\"]";
      String geometry = "";
      switch (r.nextInt(4)) {
        case 0:
          props +=
              ",\"STREET\":[{\"prefix\":\""
                  + CityLots.STREETS[r.nextInt(CityLots.STREETS.length)].substring(0, 2)
                  + "\"}]";
          break;
        case 1:
          geometry =
              ",\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\">\","
                  + THRESHOLDS[r.nextInt(THRESHOLDS.length)]
                  + "]}]}}";
          break;
        case 2:
          props += ",\"ST_TYPE\":[{\"anything-but\":[\"AVE\"]}]";
          break;
        default:
          break;
      }
      String pattern = "{\"properties\":{" + props + "}" + geometry + "}";
      rules.put("rule-" + i, pattern);
    }
    return rules;
  }

  /**
   * {@code count} rules of one kind only, none with an equality field to index on: {@code prefix}
   * (lot number prefixes of 4 to 7 digits), {@code wildcard} (a block and a lot digit around a
   * star, or a star before the lot), {@code numeric} (distinct ranges of the first x coordinate,
   * narrow enough that an event matches about two of them whatever the count), or {@code routing}
   * ({@link #generated(long, int)}).
   */
  public static Map<String, String> generated(String shape, long seed, int count) {
    if (shape.equals("routing")) {
      return generated(seed, count);
    }
    Random r = new Random(seed);
    Map<String, String> rules = new LinkedHashMap<>();
    double width = Math.min(0.05, 0.32 / count);
    while (rules.size() < count) {
      String lot = String.format(Locale.ROOT, "%04d%03d", r.nextInt(7600), r.nextInt(120));
      String pattern =
          switch (shape) {
            case "prefix" ->
                prop("MAPBLKLOT", "{\"prefix\":\"" + lot.substring(0, 4 + r.nextInt(4)) + "\"}");
            case "wildcard" ->
                prop(
                    "MAPBLKLOT",
                    r.nextBoolean()
                        ? "{\"wildcard\":\"" + lot.substring(0, 4) + "*" + lot.charAt(6) + "\"}"
                        : "{\"wildcard\":\"*" + lot.substring(2) + "\"}");
            case "numeric" -> numeric(-122.52 + r.nextInt(16_000) / 100_000.0, width);
            default ->
                throw new IllegalArgumentException(
                    "unknown rule shape " + shape + "; known: routing, prefix, wildcard, numeric");
          };
      rules.put(shape + "-" + rules.size(), pattern);
    }
    return rules;
  }

  private static String numeric(double low, double width) {
    return String.format(
        Locale.ROOT,
        "{\"geometry\":{\"firstCoordinates\":{\"x\":[{\"numeric\":[\">\",%.5f,\"<=\",%.5f]}]}}}",
        low,
        low + width);
  }

  private static List<String> props(String field, String... values) {
    return java.util.Arrays.stream(values).map(v -> prop(field, v)).toList();
  }

  private static String prop(String field, String value) {
    return "{\"properties\":{\"" + field + "\":[" + value + "]}}";
  }
}
