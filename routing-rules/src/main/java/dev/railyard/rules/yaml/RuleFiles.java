package dev.railyard.rules.yaml;

import dev.railyard.rules.model.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads YAML rule files: one or more {@code ---}-separated documents, each {@code apiVersion:
 * railyard/v1}, {@code kind: Rule}, {@code metadata}, {@code spec}, as described by {@link
 * RuleSchema}. Loading is strict: unknown and duplicate keys, wrong types, invalid names, patterns,
 * paths and templates, YAML aliases, and rule names used twice in the file are all reported, each
 * with {@code file:line:column}, the path in the document and what would be valid. Loading never
 * throws for a bad file: every problem of every document is collected, and a file with any problem
 * yields no rules.
 *
 * <p>Stateless and thread-safe. No method accepts null.
 */
public final class RuleFiles {

  private RuleFiles() {}

  /**
   * Loads one file.
   *
   * @param fileName the name problems are reported under, e.g. {@code rules.yaml}
   * @param yamlText the file's text
   */
  public static LoadResult load(String fileName, String yamlText) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(yamlText, "yamlText");
    Report report = new Report(fileName, yamlText);
    List<Rule> rules = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (YamlDocuments.Document document : YamlDocuments.read(report, yamlText)) {
      report.document(document.number());
      RuleReader.Read read = RuleReader.read(report, document.root());
      if (read.name() != null) {
        Node first = names.putIfAbsent(read.name(), read.nameNode());
        if (first != null) {
          report.add(
              read.nameNode(),
              "metadata.name",
              "duplicate rule name '"
                  + read.name()
                  + "'; first used at "
                  + Report.at(first.getStartMark())
                  + "; rule names are unique within a file");
        }
      }
      if (read.rule() != null) {
        rules.add(read.rule());
      }
    }
    return new LoadResult(rules, sorted(report.problems()));
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> inOrder = new ArrayList<>(problems);
    inOrder.sort(
        java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return inOrder;
  }
}
