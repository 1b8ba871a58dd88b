package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad settings, each reported by the connector's validate against its key with what would be valid:
 * what Connect's validate endpoint, and so PUT /api/v1/connectors, answers.
 */
class SyslogSourceConfigTest {

  private final SyslogSourceConnector connector = new SyslogSourceConnector();

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          topic                       | bad topic!   | Kafka topic name
          bus                         | bad bus!     | bus name
          syslog.host                 | ''           | printable ASCII
          syslog.port                 | 0            | at least 1
          syslog.port                 | 70000        | no more than 65535
          syslog.port                 | five         | Not a number of type INT
          syslog.protocols            | udp,sctp     | udp, tcp or udp,tcp
          syslog.protocols            | udp,udp      | each once
          syslog.protocols            | ''           | udp, tcp or udp,tcp
          syslog.format               | rfc9999      | one of: auto, rfc5424, rfc3164
          syslog.rfc3164.timezone     | Mars/Olympus | time-zone id
          syslog.malformed            | keep         | one of: raw, drop
          syslog.max.message.bytes    | 100          | at least 480
          syslog.oversized            | split        | one of: truncate, drop
          syslog.tcp.framing          | crlf         | one of: auto, octet-counting, lf
          syslog.tcp.max.connections  | 0            | at least 1
          syslog.tcp.idle.timeout.ms  | -1           | at least 0
          syslog.tls.enabled          | maybe        | true or false
          syslog.tls.keystore.path    | '  '         | a path on the worker
          syslog.queue.capacity       | 0            | at least 1
          syslog.batch.max.records    | 0            | at least 1
          syslog.event.type           | has space    | without spaces
          """)
  void shouldReportABadValueAgainstItsKey(String key, String value, String valid) {
    // given a good config with one bad value
    Map<String, String> config = good();
    config.put(key, value);

    // when it is validated, then that key, and only it, has an error saying what is valid
    assertThat(errors(config)).containsOnlyKeys(key);
    assertThat(errors(config).get(key)).anySatisfy(e -> assertThat(e).contains(valid));
  }

  @Test
  void shouldWriteToTheDefaultBusWithoutBusOrTopic() {
    Map<String, String> config = good();
    config.remove("bus");

    assertThat(errors(config)).isEmpty();
    assertThat(new SyslogSourceConfig(config).topic()).isEqualTo("railyard.bus.default");
  }

  @Test
  void shouldWriteToATopicGivenOutsideABus() {
    Map<String, String> config = good();
    config.remove("bus");
    config.put("topic", "raw.syslog");

    assertThat(errors(config)).isEmpty();
    assertThat(new SyslogSourceConfig(config).topic()).isEqualTo("raw.syslog");
  }

  @Test
  void shouldRefuseBusAndTopicTogetherNamingBoth() {
    Map<String, String> config = good();
    config.put("topic", "raw.syslog");

    assertThat(errors(config)).containsOnlyKeys("bus", "topic");
    assertThat(errors(config).get("bus"))
        .singleElement()
        .asString()
        .contains("set either bus (a Railyard bus) or topic (any Kafka topic), not both");
  }

  @Test
  void shouldAcceptAGoodConfig() {
    assertThat(errors(good())).isEmpty();
  }

  @Test
  void shouldAskForAKeyStoreWithTls() {
    // given TLS without a key store
    Map<String, String> config = good();
    config.put("syslog.tls.enabled", "true");

    // then the key store's path is what is missing
    assertThat(errors(config)).containsOnlyKeys("syslog.tls.keystore.path");
    assertThat(errors(config).get("syslog.tls.keystore.path").get(0)).contains("PKCS12");
  }

  @Test
  void shouldRefuseTlsWithoutTcp() {
    Map<String, String> config = good();
    config.put("syslog.tls.enabled", "true");
    config.put("syslog.protocols", "udp");

    assertThat(errors(config)).containsOnlyKeys("syslog.tls.enabled");
    assertThat(errors(config).get("syslog.tls.enabled").get(0)).contains("add tcp to");
  }

  @Test
  void shouldRefuseAKeyStoreThatCannotBeReadAndNotShowThePassword(@TempDir Path dir)
      throws Exception {
    // given a key store with another password, and one that is not a key store
    Path keyStore = TestKeyStore.create(dir, "right-password");
    Path notOne = Files.writeString(dir.resolve("not.p12"), "hello");
    for (Path path : List.of(keyStore, notOne)) {
      Map<String, String> config = good();
      config.put("syslog.tls.enabled", "true");
      config.put("syslog.tls.keystore.path", path.toString());
      config.put("syslog.tls.keystore.password", "wrong-password");

      // then the path is refused, and the answer does not hold the password
      assertThat(errors(config)).containsOnlyKeys("syslog.tls.keystore.path");
      assertThat(errors(config).toString())
          .contains("could not be read")
          .doesNotContain("wrong-password");
    }
  }

  @Test
  void shouldRunOneTaskWhateverTasksMaxSays() {
    connector.start(good());

    assertThat(connector.taskConfigs(4)).hasSize(1);
  }

  private Map<String, List<String>> errors(Map<String, String> config) {
    return connector.validate(config).configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  private static Map<String, String> good() {
    Map<String, String> config = new HashMap<>();
    config.put("bus", "logs");
    config.put("syslog.port", "5514");
    return config;
  }
}
