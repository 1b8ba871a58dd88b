package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.collect.ConnectView.SourceOffset;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the control plane knows of Railyard's log source ({@code
 * dev.railyard.sources.log.LogSourceConnector}, a plugin it does not load): its offsets, one per
 * live path ({@code {"path": ...}}), carry the line end ({@code position}), the file's size when
 * the line was read ({@code size}, absent in offsets of versions before it) and the file's identity
 * ({@code fingerprint}, {@code inode}, {@code file}); its files are dealt out among its tasks, one
 * task a file at most (or a pattern, while its files are still to come). Stateless.
 */
final class LogSourceOffsets {

  /** The log source's class: sources of this class expose their bytes behind in their offsets. */
  static final String CONNECTOR_CLASS = "dev.railyard.sources.log.LogSourceConnector";

  static final String PATHS = "log.paths";
  static final String EXCLUDE = "log.exclude";

  private LogSourceOffsets() {}

  /**
   * One file as its committed offset says.
   *
   * @param path the live path
   * @param position the end of the last line committed
   * @param size the file's size when that line was read; -1 when the offset has none
   * @param generation which file the path named then (fingerprint, inode, file read)
   */
  record FileOffset(String path, long position, long size, String generation) {

    /** Bytes behind at the offset; 0 when the size is unknown. */
    long behind() {
      return size < 0 ? 0 : Math.max(0, size - position);
    }
  }

  /** Whether a connector is a log source, whose backlog can be read from its offsets. */
  static boolean exposes(ConnectorState s) {
    return s.kind() == Kind.SOURCE && CONNECTOR_CLASS.equals(s.config().get("connector.class"));
  }

  /**
   * The most tasks it can use, as its {@code taskConfigs} makes them: one a file, or one a pattern
   * while their files are still to come. Its files are counted by their offsets: a file it has sent
   * no line of has none yet, so this is a floor.
   */
  static int mostTasks(Map<String, String> config, List<FileOffset> files) {
    return Math.max(1, Math.max(files.size(), patterns(config).size()));
  }

  /** Its patterns, as {@code log.paths} lists them. */
  static List<String> patterns(Map<String, String> config) {
    return split(config.get(PATHS));
  }

  /**
   * The files of the offsets that its patterns still match (offsets of files no longer configured
   * stay in Connect, and are not what it is behind), without those it excludes. Offsets without a
   * position are not the log source's and are skipped.
   */
  static List<FileOffset> files(Map<String, String> config, List<SourceOffset> offsets) {
    List<PathMatcher> includes = matchers(patterns(config));
    List<PathMatcher> excludes = matchers(split(config.get(EXCLUDE)));
    List<FileOffset> files = new ArrayList<>();
    for (SourceOffset o : offsets) {
      if (!(o.partition().get("path") instanceof String path)
          || !(o.offset().get("position") instanceof Number position)) {
        continue;
      }
      Path p;
      try {
        p = Path.of(path);
      } catch (InvalidPathException e) {
        continue;
      }
      if (includes.stream().noneMatch(m -> m.matches(p))
          || excludes.stream().anyMatch(m -> m.matches(p))) {
        continue;
      }
      long size = o.offset().get("size") instanceof Number n ? n.longValue() : -1;
      String generation =
          o.offset().get("fingerprint")
              + "/"
              + o.offset().get("inode")
              + "/"
              + o.offset().get("file");
      files.add(new FileOffset(path, position.longValue(), size, generation));
    }
    return files;
  }

  private static List<PathMatcher> matchers(List<String> patterns) {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String pattern : patterns) {
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
      } catch (IllegalArgumentException e) {
        // the connector's own validation refuses it; it matches nothing here
      }
    }
    return matchers;
  }

  private static List<String> split(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
