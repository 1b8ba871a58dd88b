package dev.railyard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV output ({@code -rf csv -rff results.csv}) into the Markdown tables of
 * docs/benchmarks.md, with the ratios against event-ruler and the goal each one is held to.
 */
public final class Report {

  private Report() {}

  public static void main(String[] args) throws IOException {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String file : args) {
      List<String> lines = Files.readAllLines(Path.of(file));
      for (String line : lines.subList(1, lines.size())) {
        String[] cols = line.split(",");
        String bench = cols[0].replace("\"", "").replaceAll(".*\\.", "");
        String param = cols[cols.length - 1].replace("\"", "");
        scores.put(bench + "/" + param, Double.parseDouble(cols[4]));
      }
    }
    groups(scores);
    scale(scores);
  }

  private static void groups(Map<String, Double> s) {
    System.out.println(
        "| group | railyard JSON ev/s | event-ruler JSON ev/s | ratio (goal ≥ 1.5) "
            + "| railyard Connect ev/s | event-ruler re-serialized ev/s | ratio (goal ≥ 3) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (String g : RuleGroups.GROUPS.keySet()) {
      Double rj = s.get("railyardJson/" + g);
      Double ej = s.get("eventRulerJson/" + g);
      Double rc = s.get("railyardConnect/" + g);
      Double ec = s.get("eventRulerConnect/" + g);
      if (rj == null || ej == null) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          g,
          n(rj),
          n(ej),
          r(rj, ej, 1.5),
          n(rc),
          n(ec),
          r(rc, ec, 3));
    }
  }

  private static void scale(Map<String, Double> s) {
    Double base = s.get("railyard/10");
    if (base == null) {
      return;
    }
    System.out.println();
    System.out.println(
        "| rules | railyard ev/s | vs 10 rules (goal ≥ 0.5) | event-ruler ev/s | railyard / event-ruler |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (String rules : List.of("10", "1000", "10000")) {
      Double ry = s.get("railyard/" + rules);
      Double er = s.get("eventRuler/" + rules);
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
