package dev.railyard.rules.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class PluginClientsTest {

  @Test
  void shouldGiveEveryClientTheConnectorsSecuritySettings() {
    // given a resolved connector config with security settings beside the plugin's own keys
    PluginClients clients =
        PluginClients.fromConnectorConfig(
            Map.of(
                "railyard.bootstrap.servers", "127.0.0.1:9093",
                "railyard.kafka.security.protocol", "SASL_SSL",
                "railyard.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "railyard.bus", "orders",
                "topics", "railyard.bus.orders"));

    // then the clients get the security settings without their prefix, and nothing else
    assertThat(clients.settings())
        .containsOnly(
            Map.entry("bootstrap.servers", "127.0.0.1:9093"),
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
    // and a producer really takes them: SASL without a JAAS config cannot even be built
    assertThatThrownBy(
            () ->
                clients.reliableProducer(
                    "test", new ByteArraySerializer(), new ByteArraySerializer(), Map.of()))
        .isInstanceOf(KafkaException.class)
        .hasStackTraceContaining("JAAS");
  }

  @Test
  void shouldWriteOnlyReferencesIntoConnectorConfigs() {
    Map<String, String> config =
        PluginClients.connectorConfig("broker:9093", Set.of("ssl.truststore.password"));

    assertThat(config)
        .containsOnly(
            Map.entry("railyard.bootstrap.servers", "broker:9093"),
            Map.entry(
                "railyard.kafka.ssl.truststore.password",
                "${railyard:kafka:ssl.truststore.password}"));
    assertThat(config.keySet()).allMatch(PluginClients::isClientKey);
    assertThat(PluginClients.isClientKey("railyard.bus")).isFalse();
  }
}
