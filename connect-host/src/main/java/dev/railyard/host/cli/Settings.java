package dev.railyard.host.cli;

import dev.railyard.host.config.RailyardConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the settings of {@code railyard up}: {@code railyard.properties} (or the file given with
 * {@code --config}) first, then flags, which win. A flag {@code --http-port 9090} or {@code
 * --http-port=9090} sets {@code http.port}; {@code --worker.X value} passes X to the workers.
 */
public final class Settings {

  static final String DEFAULT_FILE = "railyard.properties";

  private Settings() {}

  /**
   * @throws ConfigException naming the file or flag, the key, and what would be valid
   */
  public static RailyardConfig load(List<String> args, Path workingDir) {
    Map<String, String> flags = parseFlags(args);
    String explicitFile = flags.remove("config");
    Path file = workingDir.resolve(explicitFile != null ? explicitFile : DEFAULT_FILE);
    Map<String, String> merged = new LinkedHashMap<>();
    if (explicitFile != null || Files.exists(file)) {
      Map<String, String> fromFile = readFile(file);
      new RailyardConfig(fromFile, file.toString());
      merged.putAll(fromFile);
    }
    new RailyardConfig(flags, "command line");
    merged.putAll(flags);
    return new RailyardConfig(merged, "settings");
  }

  static Map<String, String> parseFlags(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException(
            "unexpected argument '"
                + arg
                + "': flags look like --name value"
                + " or --name=value, e.g. --http-port 8080");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new ConfigException("flag --" + name + " needs a value");
      }
      flags.put(toKey(name), value);
    }
    return flags;
  }

  private static String toKey(String flag) {
    return flag.startsWith(RailyardConfig.WORKER_PREFIX) ? flag : flag.replace('-', '.');
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
    return map;
  }
}
