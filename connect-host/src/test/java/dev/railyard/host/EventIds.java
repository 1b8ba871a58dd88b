package dev.railyard.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The CloudEvent ids found in lines of JSON (files written by FileStreamSink, topic values). */
final class EventIds {

  private EventIds() {}

  /** The ids in a file; empty when it does not exist yet. */
  static Set<String> in(Path file) {
    try {
      return Files.exists(file) ? in(Files.readAllLines(file)) : new HashSet<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> in(List<String> lines) {
    Set<String> found = new HashSet<>();
    for (String line : lines) {
      int at = line.indexOf("\"id\":\"");
      if (at >= 0) {
        found.add(line.substring(at + 6, line.indexOf('"', at + 6)));
      }
    }
    return found;
  }

  /** Every event id in bodies that may hold several events (batches). */
  static Set<String> allIn(List<String> bodies) {
    Set<String> found = new HashSet<>();
    for (String body : bodies) {
      for (int at = body.indexOf("\"id\":\""); at >= 0; at = body.indexOf("\"id\":\"", at + 6)) {
        found.add(body.substring(at + 6, body.indexOf('"', at + 6)));
      }
    }
    return found;
  }
}
