package dev.railyard.rules.yaml;

import java.util.Objects;

/**
 * One thing wrong with a rule file: where it is, the path inside the document, and what would be
 * valid.
 *
 * <p>Immutable and thread-safe; no component is null. Line and column are 1-based. The path is
 * dotted with 0-based list indexes ({@code spec.targets[1].retry.maxAttempts}); keys that are not
 * plain names are quoted ({@code config['tasks.max']}); a path inside the pattern continues with
 * the pattern's own path ({@code spec.pattern.data.amount}). In every document after the first the
 * path starts with the document's 1-based number, counting every {@code ---} document ({@code [doc
 * 2] spec.bus}). The path is empty for problems of the file as a whole.
 *
 * @param file the file name given to the loader
 * @param line 1-based line
 * @param column 1-based column
 * @param path where in the document, possibly empty
 * @param message what is wrong and what would be valid
 */
public record Problem(String file, int line, int column, String path, String message) {

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** The problem as one line: {@code rules.yaml:14:9 spec.pattern.data.amount: message}. */
  @Override
  public String toString() {
    return file + ':' + line + ':' + column + ' ' + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
