package dev.railyard.rules.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects the problems of one file and knows its text, so positions inside scalars can be found.
 * Paths given to it are relative to the current document; it adds the document prefix. Not
 * thread-safe; one per load.
 */
final class Report {

  private final String file;
  private final String[] lines;
  private final List<Problem> problems = new ArrayList<>();
  private String prefix = "";

  Report(String file, String text) {
    this.file = file;
    this.lines = text.split("\r\n|\r|\n", -1);
  }

  /** Makes later paths belong to the 1-based {@code document}. */
  void document(int document) {
    prefix = document <= 1 ? "" : "[doc " + document + "]";
  }

  void add(Node node, String path, String message) {
    add(node.getStartMark(), path, message);
  }

  void add(Optional<Mark> mark, String path, String message) {
    add(
        mark.map(m -> m.getLine() + 1).orElse(1),
        mark.map(m -> m.getColumn() + 1).orElse(1),
        path,
        message);
  }

  /** Adds a problem at a 1-based line and column. */
  void add(int line, int column, String path, String message) {
    String full = prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + ' ' + path;
    problems.add(new Problem(file, line, column, full, message));
  }

  int count() {
    return problems.size();
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** The text of a 0-based line, or null past the end. */
  String line(int index) {
    return index >= 0 && index < lines.length ? lines[index] : null;
  }

  /** {@code line L, column C} of a mark, for messages that point at a second place. */
  static String at(Optional<Mark> mark) {
    return mark.map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("elsewhere");
  }
}
