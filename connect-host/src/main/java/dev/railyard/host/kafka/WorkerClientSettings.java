package dev.railyard.host.kafka;

import dev.railyard.embedded.worker.PrivateFiles;
import dev.railyard.embedded.worker.WorkerSettings;
import dev.railyard.rules.kafka.ClientSettingsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a secured cluster's client settings reach the clients of Railyard's plugins on the child
 * workers: the control plane writes them to a file readable by its owner only, and declares the
 * workers' {@link ClientSettingsProvider} over that file. Connector configs then carry only
 * references to the settings ({@link KafkaClients#pluginSettings()}), so nothing that Connect
 * stores in its config topic or shows through its REST API holds a secret. Stateless.
 */
public final class WorkerClientSettings {

  /** The settings file's name in the workers' folder under the data directory. */
  public static final String FILE_NAME = "kafka-client.properties";

  private WorkerClientSettings() {}

  /**
   * Writes {@code settings} (unprefixed client settings; secrets included) to {@code file}, owner
   * only, and returns the worker properties that declare the provider over it; writes nothing and
   * returns nothing when there are no settings.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static Map<String, String> declare(Path file, Map<String, String> settings) {
    if (settings.isEmpty()) {
      return Map.of();
    }
    try {
      PrivateFiles.writeProperties(
          file,
          settings,
          "Kafka client settings of the workers' Railyard plugins, written by the control plane "
              + "from its kafka.* settings at every start");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Kafka client settings file " + file, e);
    }
    String provider = "config.providers." + ClientSettingsProvider.NAME;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(
        "config.providers", WorkerSettings.CONFIG_PROVIDERS + "," + ClientSettingsProvider.NAME);
    properties.put(provider + ".class", ClientSettingsProvider.class.getName());
    properties.put(
        provider + ".param." + ClientSettingsProvider.FILE_PARAM, file.toAbsolutePath().toString());
    return properties;
  }
}
