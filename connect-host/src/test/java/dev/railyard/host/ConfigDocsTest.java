package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.host.config.ConfigDocs;
import dev.railyard.host.config.RailyardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference is generated from the ConfigDef and must not drift from it. */
class ConfigDocsTest {

  static final Path DOC = Path.of("../docs/configuration.md");
  static final String INTRO =
      "Settings of `railyard up`, read from `railyard.properties` (or "
          + "`--config FILE`) and from flags, which win: `--http-port 9090` sets `http.port`. Keys "
          + "starting with `worker.` go, without the prefix, to every Connect worker; keys starting with "
          + "`kafka.` are the Kafka client settings of a secured cluster, which every Kafka client "
          + "Railyard makes gets without the prefix ([security.md](security.md)). Any other key "
          + "stops startup with an error naming it. Generated from `RailyardConfig`; regenerate with "
          + "`mvn -pl connect-host test -Dtest=ConfigDocsTest -Drailyard.docs.write=true`.";

  @Test
  void shouldDocumentEveryConfigKey() {
    RailyardConfig.CONFIG_DEF
        .configKeys()
        .values()
        .forEach(key -> assertThat(key.documentation).as("doc of " + key.name).isNotBlank());
  }

  @Test
  void shouldValidateEveryKafkaClientSetting() {
    assertThat(RailyardConfig.CONFIG_DEF.configKeys().values())
        .filteredOn(key -> key.name.startsWith("kafka."))
        .hasSizeGreaterThan(40)
        .allSatisfy(key -> assertThat(key.validator).as("validator of " + key.name).isNotNull())
        .extracting(key -> key.name)
        .contains(
            "kafka.security.protocol", "kafka.sasl.jaas.config", "kafka.ssl.truststore.location");
  }

  @Test
  void shouldKeepTheConfigurationReferenceUpToDate() throws Exception {
    String expected =
        ConfigDocs.markdown("Configuration reference", INTRO, RailyardConfig.CONFIG_DEF);
    if (Boolean.getBoolean("railyard.docs.write")) {
      Files.writeString(DOC, expected);
    }
    assertThat(Files.readString(DOC))
        .as(
            "docs/configuration.md is stale: regenerate it with "
                + "mvn -pl connect-host test -Dtest=ConfigDocsTest -Drailyard.docs.write=true")
        .isEqualTo(expected);
  }
}
