package dev.railyard.host.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.embedded.worker.WorkerSettings;
import dev.railyard.host.config.KafkaClientConfig;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.rules.kafka.ClientSettingsProvider;
import dev.railyard.rules.kafka.PluginClients;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka.* settings reach every kind of client Railyard makes, and no secret is shown. */
class KafkaClientSettingsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required "
          + "username=\"railyard\" password=\"jaas-s3cret\";";

  @TempDir Path dir;

  private Map<String, String> settings() {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", "127.0.0.1:9093");
    props.put("kafka.security.protocol", "SASL_SSL");
    props.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
    props.put("kafka.sasl.jaas.config", JAAS);
    props.put("kafka.ssl.truststore.location", dir.resolve("no-such.p12").toString());
    props.put("kafka.ssl.truststore.password", "store-s3cret");
    return props;
  }

  @Test
  void shouldGiveTheSettingsToTheControlPlanesClients() {
    // given the control plane's clients made from the settings
    Map<String, String> security = new RailyardConfig(settings(), "test").kafkaClientSettings();
    Map<String, Object> clientSettings = new HashMap<>(security);
    clientSettings.put("bootstrap.servers", "127.0.0.1:9093");
    KafkaClients clients = KafkaClients.of(clientSettings);

    // then a producer is made with them (it fails on the truststore they name)
    assertThat(security)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", JAAS)
        .hasSize(5);
    assertThatThrownBy(
            () ->
                clients.reliableProducer(
                    "test", new StringSerializer(), new StringSerializer(), Map.of()))
        .isInstanceOf(KafkaException.class)
        .hasStackTraceContaining("no-such.p12");
    // and the plugins are told where to find each of them, not what they are
    assertThat(clients.pluginSettings())
        .containsEntry("railyard.bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("railyard.kafka.sasl.jaas.config", "${railyard:kafka:sasl.jaas.config}")
        .hasSize(6);
    assertThat(clients.pluginSettings().toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldGiveTheSettingsToTheWorkersAndToThePluginsOnThem() throws Exception {
    // given the settings file and worker properties the control plane writes
    Map<String, String> security = new RailyardConfig(settings(), "test").kafkaClientSettings();
    Path file = dir.resolve("workers/" + WorkerClientSettings.FILE_NAME);
    Map<String, String> declared = WorkerClientSettings.declare(file, security);
    Map<String, String> worker =
        new WorkerSettings("127.0.0.1:9093", "railyard", dir, 3000, security, declared)
            .toProperties();

    // then Connect's clients and those it makes for connectors have them
    assertThat(worker)
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("producer.sasl.jaas.config", JAAS)
        .containsEntry("consumer.security.protocol", "SASL_SSL")
        .containsEntry("admin.ssl.truststore.password", "store-s3cret")
        .containsEntry("config.providers", "file,directory,env,railyard")
        .containsEntry("config.providers.railyard.param.file", file.toAbsolutePath().toString());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }

    // and a plugin whose connector config holds the references gets them, resolved in the worker
    ClientSettingsProvider provider = new ClientSettingsProvider();
    provider.configure(Map.of("file", worker.get("config.providers.railyard.param.file")));
    Map<String, Object> clientSettings = new HashMap<>(security);
    clientSettings.put("bootstrap.servers", "127.0.0.1:9093");
    Map<String, String> connector = new HashMap<>(Map.of("railyard.bus", "shop"));
    connector.putAll(KafkaClients.of(clientSettings).pluginSettings());
    Map<String, String> resolved =
        new ConfigTransformer(Map.of("railyard", provider)).transform(connector).data();
    assertThat(PluginClients.fromConnectorConfig(resolved).settings()).isEqualTo(clientSettings);
  }

  @Test
  void shouldMaskEverySecretWhereSettingsAreShown() {
    Map<String, String> security = new RailyardConfig(settings(), "test").kafkaClientSettings();

    String shown = KafkaClientConfig.masked(security);

    assertThat(shown)
        .contains("security.protocol=SASL_SSL")
        .contains("sasl.mechanism=SCRAM-SHA-512")
        .contains("sasl.jaas.config=[hidden]")
        .contains("ssl.truststore.password=[hidden]")
        .doesNotContain("s3cret");
  }

  @Test
  void shouldRefuseUnknownClientSettingsAndNameNoSecretInErrors() {
    Map<String, String> typo = settings();
    typo.put("kafka.sasl.mechansim", "PLAIN");
    assertThatThrownBy(() -> new RailyardConfig(typo, "railyard.properties"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown Kafka client setting 'kafka.sasl.mechansim'")
        .hasMessageContaining("did you mean 'kafka.sasl.mechanism'?")
        .message()
        .doesNotContain("s3cret");

    Map<String, String> badProtocol = settings();
    badProtocol.put("kafka.security.protocol", "TLS");
    assertThatThrownBy(() -> new RailyardConfig(badProtocol, "test"))
        .hasMessageContaining("kafka.security.protocol");

    Map<String, String> embedded = settings();
    embedded.remove("bootstrap.servers");
    assertThatThrownBy(() -> new RailyardConfig(embedded, "test"))
        .hasMessageContaining("set bootstrap.servers too")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void shouldKeepTheEmbeddedBrokerOnLoopback() {
    assertThatThrownBy(() -> new RailyardConfig(Map.of("broker.host", "0.0.0.0"), "test"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker.host")
        .hasMessageContaining("loopback");
    new RailyardConfig(Map.of("broker.host", "localhost"), "test");
  }
}
