package dev.railyard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV output ({@code -rf csv -rff results.csv}) into the Markdown tables of
 * docs/benchmarks.md, with the ratios against event-ruler and the goal each one is held to: one
 * group table per corpus, one scale table per corpus and rule shape.
 */
public final class Report {

  private static final double GROUP_GOAL = 2;

  private Report() {}

  public static void main(String[] args) throws IOException {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String file : args) {
      List<String> lines = Files.readAllLines(Path.of(file));
      String[] header = unquote(lines.get(0).split(","));
      for (String line : lines.subList(1, lines.size())) {
        String[] cols = unquote(line.split(","));
        Map<String, String> params = new HashMap<>();
        for (int c = 7; c < header.length && c < cols.length; c++) {
          params.put(header[c].replace("Param: ", ""), cols[c]);
        }
        String bench = cols[0].replaceAll(".*\\.", "");
        String key =
            bench
                + "/"
                + params.getOrDefault("corpus", "citylots")
                + "/"
                + params.getOrDefault("group", params.getOrDefault("shape", "routing"))
                + "/"
                + params.getOrDefault("rules", "");
        scores.put(key, Double.parseDouble(cols[4]));
      }
    }
    for (String corpus : List.of("citylots", "sflots")) {
      groups(scores, corpus);
      for (String shape : List.of("routing", "prefix", "numeric", "wildcard")) {
        scale(scores, corpus, shape);
      }
    }
  }

  private static String[] unquote(String[] cols) {
    for (int i = 0; i < cols.length; i++) {
      cols[i] = cols[i].replace("\"", "");
    }
    return cols;
  }

  private static void groups(Map<String, Double> s, String corpus) {
    if (s.keySet().stream().noneMatch(k -> k.startsWith("railyardJson/" + corpus + "/"))) {
      return;
    }
    System.out.println();
    System.out.println("corpus " + corpus);
    System.out.println();
    System.out.println(
        "| group | railyard JSON ev/s | event-ruler JSON ev/s | ratio (goal ≥ 2) "
            + "| railyard Connect ev/s | event-ruler re-serialized ev/s | ratio (goal ≥ 3) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String g : RuleGroups.GROUPS.keySet()) {
      String k = "/" + corpus + "/" + g + "/";
      Double rj = s.get("railyardJson" + k);
      Double ej = s.get("eventRulerJson" + k);
      Double rc = s.get("railyardConnect" + k);
      Double ec = s.get("eventRulerConnect" + k);
      if (rj == null || ej == null) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          g,
          n(rj),
          n(ej),
          r(rj, ej, GROUP_GOAL),
          n(rc),
          n(ec),
          r(rc, ec, 3));
    }
  }

  private static void scale(Map<String, Double> s, String corpus, String shape) {
    String k = "/" + corpus + "/" + shape + "/";
    Double base = s.get("railyard" + k + "10");
    if (base == null) {
      return;
    }
    System.out.println();
    System.out.println("corpus " + corpus + ", " + shape + " rules");
    System.out.println();
    System.out.println(
        "| rules | railyard ev/s | vs 10 rules (goal ≥ 0.5) | event-ruler ev/s | railyard / event-ruler |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (String rules : List.of("10", "1000", "10000")) {
      Double ry = s.get("railyard" + k + rules);
      Double er = s.get("eventRuler" + k + rules);
      if (ry != null) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %s | %s | %s |%n",
            rules,
            n(ry),
            r(ry, base, 0.5),
            n(er),
            r(ry, er, 0));
      }
    }
  }

  private static String n(Double v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String r(Double a, Double b, double goal) {
    if (a == null || b == null) {
      return "–";
    }
    double ratio = a / b;
    String verdict = goal == 0 ? "" : ratio >= goal ? " ✓" : " ✗";
    return String.format(Locale.ROOT, "%.2f×%s", ratio, verdict);
  }
}
