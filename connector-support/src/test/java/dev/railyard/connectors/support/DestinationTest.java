package dev.railyard.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {

  private static final ConfigDef DEF = Destination.define(new ConfigDef());

  private static String topicOf(Map<String, String> props) {
    Destination.check(props);
    return Destination.topic(new AbstractConfig(DEF, props));
  }

  @Test
  void shouldWriteToTheDefaultBusWhenNeitherKeyIsSet() {
    assertThat(topicOf(Map.of())).isEqualTo("railyard.bus.default");
  }

  @Test
  void shouldWriteToTheTopicOfTheBusGiven() {
    assertThat(topicOf(Map.of("bus", "orders"))).isEqualTo("railyard.bus.orders");
  }

  @Test
  void shouldWriteToAnyTopicGivenOutsideABus() {
    assertThat(topicOf(Map.of("topic", "audit.raw"))).isEqualTo("audit.raw");
  }

  @Test
  void shouldRefuseBothKeysNamingBoth() {
    Map<String, String> both = Map.of("bus", "orders", "topic", "audit.raw");

    assertThatThrownBy(() -> Destination.check(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration topic")
        .hasMessageContaining("set either bus (a Railyard bus) or topic (any Kafka topic)");
  }

  @Test
  void shouldPutTheConflictOnBothKeysForValidate() {
    Map<String, String> both = Map.of("bus", "orders", "topic", "audit.raw");
    Config result = new Config(new java.util.ArrayList<>(DEF.validate(new HashMap<>(both))));

    Destination.withProblem(result, both);

    for (ConfigValue value : result.configValues()) {
      assertThat(value.errorMessages())
          .as(value.name())
          .singleElement()
          .asString()
          .contains("for configuration " + value.name() + ": set either bus");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"no spaces", "-leading", "a.b", ""})
  void shouldRefuseABusThatIsNoBusName(String bus) {
    assertThatThrownBy(() -> new AbstractConfig(DEF, Map.of("bus", bus)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration bus")
        .hasMessageContaining("1 to 200 letters, digits, '_' or '-'");
  }

  @Test
  void shouldTakeABusOfTwoHundredCharactersAndNoMore() {
    String longest = "b".repeat(200);

    assertThat(topicOf(Map.of("bus", longest))).isEqualTo("railyard.bus." + longest);
    assertThatThrownBy(() -> new AbstractConfig(DEF, Map.of("bus", longest + "b")))
        .hasMessageContaining("configuration bus");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"has space", "..", "a/b"})
  void shouldRefuseATopicThatIsNoKafkaTopicName(String topic) {
    assertThatThrownBy(() -> new AbstractConfig(DEF, Map.of("topic", topic)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration topic")
        .hasMessageContaining("must be a Kafka topic name");
  }
}
