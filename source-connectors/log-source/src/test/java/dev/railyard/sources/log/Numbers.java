package dev.railyard.sources.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The line numbers written by {@link LogWriter}, as found in files and in events. */
final class Numbers {

  private static final Pattern NUMBER = Pattern.compile("^(\\d{8}) ", Pattern.MULTILINE);

  private Numbers() {}

  /** The numbers of the lines in the events' data, each as often as it came. */
  static List<Integer> inEvents(List<JsonNode> events) {
    List<Integer> numbers = new ArrayList<>();
    for (JsonNode e : events) {
      Matcher m = NUMBER.matcher(e.path("data").asText());
      while (m.find()) {
        numbers.add(Integer.parseInt(m.group(1)));
      }
    }
    return numbers;
  }

  /**
   * The numbers of the lines in the files of the log now: the live one and its copies (.gz too).
   */
  static Set<Integer> onDisk(Path log) throws IOException {
    Set<Integer> numbers = new TreeSet<>();
    String name = log.getFileName().toString();
    try (Stream<Path> files = Files.list(log.getParent())) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(name)).toList()) {
        Matcher m = NUMBER.matcher(read(f));
        while (m.find()) {
          numbers.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    return numbers;
  }

  private static String read(Path f) throws IOException {
    try (InputStream in =
        f.toString().endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(f))
            : Files.newInputStream(f)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
