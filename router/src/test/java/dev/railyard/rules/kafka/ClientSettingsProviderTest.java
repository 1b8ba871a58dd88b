package dev.railyard.rules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSettingsProviderTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required "
          + "username=\"railyard\" password=\"s3cret\";";

  @TempDir Path dir;

  @Test
  void shouldResolveTheReferencesOfAConnectorConfigFromTheSettingsFile() throws Exception {
    // given the settings file and a provider configured as a worker declares it
    Path file = dir.resolve("kafka-client.properties");
    Properties settings = new Properties();
    settings.setProperty("security.protocol", "SASL_SSL");
    settings.setProperty("sasl.jaas.config", JAAS);
    try (Writer w = Files.newBufferedWriter(file)) {
      settings.store(w, null);
    }
    ClientSettingsProvider provider = new ClientSettingsProvider();
    provider.configure(Map.of(ClientSettingsProvider.FILE_PARAM, file.toString()));

    // when Connect resolves the config Railyard wrote for a plugin
    Map<String, String> written =
        PluginClients.connectorConfig(
            "broker:9093", Set.of("security.protocol", "sasl.jaas.config"));
    ConfigTransformerResult resolved =
        new ConfigTransformer(Map.of(ClientSettingsProvider.NAME, provider)).transform(written);

    // then the written config holds references only, and the resolved one the settings
    assertThat(written.values()).noneMatch(v -> v.contains("s3cret"));
    assertThat(written)
        .containsEntry("railyard.kafka.sasl.jaas.config", "${railyard:kafka:sasl.jaas.config}");
    assertThat(PluginClients.fromConnectorConfig(resolved.data()).settings())
        .containsEntry("bootstrap.servers", "broker:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", JAAS);
  }

  @Test
  void shouldNameTheMissingSettingAndTheFile() throws Exception {
    Path file = dir.resolve("kafka-client.properties");
    Files.writeString(file, "security.protocol=SSL\n");
    ClientSettingsProvider provider = new ClientSettingsProvider();
    provider.configure(Map.of(ClientSettingsProvider.FILE_PARAM, file.toString()));

    assertThatThrownBy(() -> provider.get("kafka", Set.of("ssl.truststore.password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("has no ssl.truststore.password")
        .hasMessageContaining("kafka.ssl.truststore.password");
    assertThatThrownBy(() -> provider.get("other", Set.of("security.protocol")))
        .hasMessageContaining("${railyard:kafka:<key>}");
  }

  @Test
  void shouldSayWhenTheFileIsMissingOrNotConfigured() {
    ClientSettingsProvider provider = new ClientSettingsProvider();
    assertThatThrownBy(() -> provider.configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.providers.railyard.param.file");

    provider.configure(Map.of("file", dir.resolve("none.properties").toString()));
    assertThatThrownBy(() -> provider.get("kafka"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }
}
