package dev.railyard.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.rules.model.RetryPolicy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardedSinkConfigTest {

  @Test
  void shouldGiveTheClientSettingsToTheGuardsClientsAndNeverToTheHostedConnector() {
    // given a target's config as Railyard writes it, resolved by the worker
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", GuardedSinkConnector.class.getName());
    props.put(GuardedSinkConfig.DELEGATE_CLASS_CONFIG, "FileStreamSink");
    props.put("file", "/tmp/out.jsonl");
    props.put(GuardedSinkConfig.RULE_CONFIG, "paid");
    props.put(GuardedSinkConfig.TARGET_CONFIG, "billing");
    props.put("railyard.bootstrap.servers", "broker:9093");
    props.put("railyard.kafka.security.protocol", "SASL_SSL");
    props.put("railyard.kafka.sasl.jaas.config", "ScramLoginModule required password=\"x\";");
    props.putAll(GuardedSinkConfig.of(new RetryPolicy(3, 60, 100, 1000, true), null, null));

    // then the guard's clients get them, and the hosted sink only its own keys
    assertThat(new GuardedSinkConfig(props).clients().settings())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsKey("sasl.jaas.config")
        .containsEntry("bootstrap.servers", "broker:9093");
    assertThat(Delegates.delegateProps(props))
        .containsOnlyKeys("connector.class", "file")
        .containsEntry("connector.class", "FileStreamSink");
  }
}
