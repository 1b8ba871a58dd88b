package dev.railyard.embedded.worker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The end of what one process wrote to a standard error file that earlier runs appended to as well:
 * only the bytes after the offset the file had when this process started. Thread-safe.
 */
final class StderrTail {

  static final int MAX_LINES = 20;
  static final int MAX_BYTES = 4096;

  private final Path file;
  private final long start;

  private StderrTail(Path file, long start) {
    this.file = file;
    this.start = start;
  }

  /** The tail of what is appended to {@code file} from now on. */
  static StderrTail from(Path file) throws IOException {
    return new StderrTail(file, Files.exists(file) ? Files.size(file) : 0);
  }

  /** The last lines written since, trimmed; empty when there are none or the file is gone. */
  String read() {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long from = Math.max(start, f.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) Math.max(0, f.length() - from)];
      f.seek(from);
      f.readFully(bytes);
      return lastLines(new String(bytes, StandardCharsets.UTF_8), from > start);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The last {@link #MAX_LINES} lines of {@code text}, trimmed.
   *
   * @param cut whether {@code text} starts inside a line (the read began after the start), whose
   *     first part, maybe half a character, is then left out
   */
  static String lastLines(String text, boolean cut) {
    String whole = cut && text.indexOf('\n') >= 0 ? text.substring(text.indexOf('\n') + 1) : text;
    List<String> lines = Arrays.asList(whole.strip().split("\\R"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size()))
        .strip();
  }
}
