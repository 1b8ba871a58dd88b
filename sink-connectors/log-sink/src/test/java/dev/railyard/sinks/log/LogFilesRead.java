package dev.railyard.sinks.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads back what the sink wrote under a directory, rolled and open files alike. */
final class LogFilesRead {

  private LogFilesRead() {}

  /** Every line of every file of the sink under {@code root}, as JSON. */
  static List<JsonNode> lines(Path root) {
    List<JsonNode> lines = new ArrayList<>();
    for (Path f : files(root)) {
      for (String line : text(f).split("\n")) {
        if (!line.isEmpty()) {
          try {
            lines.add(RecordContent.JSON.readTree(line));
          } catch (IOException e) {
            throw new IllegalStateException("a line of " + f + " is not JSON: " + line, e);
          }
        }
      }
    }
    return lines;
  }

  /** How many times each event id is in the files: each should be there once. */
  static Map<String, Integer> idCounts(Path root) {
    Map<String, Integer> counts = new TreeMap<>();
    lines(root).forEach(l -> counts.merge(l.path("id").asText(), 1, Integer::sum));
    return counts;
  }

  /** The sink's data files under {@code root}: rolled and hidden ones, not its state. */
  static List<Path> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(root.resolve(LogFiles.STATE_DIR)))
          .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rolled (visible) files under {@code root}. */
  static List<Path> rolled(Path root) {
    return files(root).stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
  }

  /** A file's text, decompressed by its name. */
  static String text(Path file) {
    String name = file.getFileName().toString();
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            name.endsWith(".gz")
                ? new GZIPInputStream(raw)
                : name.endsWith(".zst") ? new ZstdInputStream(raw) : raw) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
