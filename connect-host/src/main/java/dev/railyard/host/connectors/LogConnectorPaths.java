package dev.railyard.host.connectors;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@link ConfigGuard}'s rules for Railyard's own log connectors, which reach the workers' files as
 * FileStream's {@code file} does: the log source's {@code log.paths} (absolute globs) and the log
 * sink's {@code log.directory} must resolve under {@code files.dir}. A glob is confined by the part
 * before its first wildcard; {@code ..} anywhere is refused, as is a reference. A relative value is
 * left to the connector's own validator, which refuses it, so it is never read or written.
 * Stateless.
 */
final class LogConnectorPaths {

  static final String SOURCE_PATHS = "log.paths";
  static final String SINK_DIRECTORY = "log.directory";

  private static final Set<String> SOURCE = Set.of("LogSourceConnector", "LogSource");
  private static final Set<String> SINK = Set.of("LogSinkConnector", "LogSink");
  private static final String WILDCARDS = "*?[{\\";

  private LogConnectorPaths() {}

  /**
   * The problems of a log connector's paths by key, empty for any other connector.
   *
   * @param type the simple name of the connector class that runs (the hosted one of a rule target)
   * @param inside {@link ConfigGuard}'s check that a path is absolute and under the folder, links
   *     followed: the path, or null
   */
  static Map<String, String> problems(
      String type,
      Map<String, String> config,
      Path filesDir,
      BiFunction<String, Path, Path> inside) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (SOURCE.contains(type)) {
      String paths = config.get(SOURCE_PATHS);
      String bad = paths == null ? null : firstOutside(split(paths), filesDir, inside);
      if (bad != null) {
        problems.put(
            SOURCE_PATHS,
            "the log source reads only under files.dir ("
                + filesDir
                + "); give absolute paths or globs there, without '..' (not "
                + bad
                + ")");
      }
    } else if (SINK.contains(type)) {
      String dir = config.get(SINK_DIRECTORY);
      String bad = dir == null ? null : firstOutside(List.of(dir.strip()), filesDir, inside);
      if (bad != null) {
        problems.put(
            SINK_DIRECTORY,
            "the log sink writes only under files.dir ("
                + filesDir
                + "); give an absolute path there, without '..' (not "
                + bad
                + ")");
      }
    }
    return problems;
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The first value that may reach outside {@code dir}, or null when none may. */
  private static String firstOutside(
      List<String> values, Path dir, BiFunction<String, Path, Path> inside) {
    for (String value : values) {
      if (value.contains("${")) {
        return value;
      }
      if (!value.startsWith("/")) {
        continue; // the connector's validator refuses it: it is never used
      }
      if (Arrays.asList(value.split("/")).contains("..")) {
        return value;
      }
      if (inside.apply(fixedPart(value), dir) == null) {
        return value;
      }
    }
    return null;
  }

  /** A path as it is, a glob up to the folder before its first wildcard. */
  private static String fixedPart(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if (WILDCARDS.indexOf(pattern.charAt(i)) >= 0) {
        int slash = pattern.lastIndexOf('/', i);
        return slash <= 0 ? "/" : pattern.substring(0, slash);
      }
    }
    return pattern;
  }
}
