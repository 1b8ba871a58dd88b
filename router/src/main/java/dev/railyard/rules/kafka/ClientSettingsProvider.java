package dev.railyard.rules.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The workers' config provider {@value #NAME}: resolves {@code ${railyard:kafka:<key>}} to the
 * Kafka client setting {@code <key>} (e.g. {@code sasl.jaas.config}) read from the file given as
 * its {@value #FILE_PARAM} parameter — on a machine running {@code railyard up}, the file the
 * control plane writes, readable by its owner only, under its data directory.
 *
 * <p>It exists so that the client settings of a secured cluster, passwords included, reach the
 * Kafka clients of Railyard's plugins without being written into connector configs, which Connect
 * stores in its config topic and shows through its REST API: a connector config holds only the
 * reference ({@link #reference}), and Connect resolves it inside the worker when it starts the
 * connector or a task. Connect also puts the reference back into task configs that carry the
 * resolved value under the same key, so those stay free of secrets too.
 *
 * <p>The file is read at each lookup, so a control plane that rewrote it at start is seen by the
 * next task that starts. Thread-safe.
 */
public final class ClientSettingsProvider implements ConfigProvider {

  /** The name a worker config declares this provider under, in {@code config.providers}. */
  public static final String NAME = "railyard";

  /** The provider parameter naming the properties file of client settings. */
  public static final String FILE_PARAM = "file";

  /** The only path this provider answers: the Kafka client settings. */
  public static final String PATH = "kafka";

  private volatile Path file;

  /** The reference a connector config holds instead of the client setting {@code key}. */
  public static String reference(String key) {
    return "${" + NAME + ":" + PATH + ":" + key + "}";
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object value = configs.get(FILE_PARAM);
    if (value == null || String.valueOf(value).isBlank()) {
      throw new ConfigException(
          "config.providers." + NAME + ".param." + FILE_PARAM,
          value,
          "the file of Kafka client settings is required");
    }
    file = Path.of(String.valueOf(value));
  }

  @Override
  public ConfigData get(String path) {
    Map<String, String> all = read(path);
    return new ConfigData(all);
  }

  /**
   * @throws ConfigException naming the keys the file lacks, so the connector fails with the reason
   *     rather than starting with a reference left unresolved
   */
  @Override
  public ConfigData get(String path, Set<String> keys) {
    Map<String, String> all = read(path);
    Map<String, String> found = new HashMap<>();
    Set<String> missing = new TreeSet<>();
    for (String key : keys) {
      if (all.containsKey(key)) {
        found.put(key, all.get(key));
      } else {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "The Kafka client settings file "
              + file
              + " has no "
              + String.join(", ", missing)
              + "; set kafka."
              + missing.iterator().next()
              + " in the control plane's settings (or add it to this file)");
    }
    return new ConfigData(found);
  }

  private Map<String, String> read(String path) {
    if (!PATH.equals(path)) {
      throw new ConfigException(
          "The "
              + NAME
              + " config provider answers ${"
              + NAME
              + ":"
              + PATH
              + ":<key>} only, not '"
              + path
              + "'");
    }
    Path from = file;
    if (from == null) {
      throw new IllegalStateException("not configured");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(from)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "The Kafka client settings file " + from + " does not exist; see docs/security.md");
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read the Kafka client settings file " + from + ": " + e.getMessage());
    }
    Map<String, String> all = new HashMap<>();
    p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
    return all;
  }

  @Override
  public void close() {}
}
