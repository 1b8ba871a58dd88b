package dev.railyard.sources.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configs, reported per key through Connect's validate step; tasks' shares of streams. */
class KubernetesSourceConnectorTest {

  static Map<String, String> good() {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", KubernetesSourceConnector.class.getName());
    c.put("key.converter", KubernetesSourceConnector.BYTES_CONVERTER);
    c.put("value.converter", KubernetesSourceConnector.BYTES_CONVERTER);
    c.put("kubernetes.master.url", "https://k8s.example.com:6443");
    c.put("bus", "k8s");
    c.put("kubernetes.kinds", "v1/Pod,batch/v1/Job,example.com/v1/Person:people");
    c.put("kubernetes.namespaces", "shop,billing");
    c.put("kubernetes.label.selector", "app=web,tier!=cache,env in (prod, staging),!legacy");
    return c;
  }

  static Map<String, List<String>> errors(Map<String, String> config) {
    return new KubernetesSourceConnector()
        .validate(config).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void shouldAcceptAGoodConfig() {
    assertThat(errors(good())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "kubernetes.kinds|Pod|each kind must be [group/]version/Kind[:plural]",
        "kubernetes.kinds|v1/pod|'pod' is not a kind (CamelCase, such as Pod)",
        "kubernetes.kinds|batch/one/Job|'one' is not an API version such as v1 or v1beta1",
        "kubernetes.kinds|Example_com/v1/Order|is not an API group",
        "kubernetes.kinds|v1/Pod:Pods|the plural must be lower-case letters and digits",
        "kubernetes.kinds|v1/Pod,v1/Pod|'v1/Pod' is named twice",
        "kubernetes.kinds|''|must name at least one kind",
        "kubernetes.namespaces|Shop|'Shop' is not a namespace name",
        "kubernetes.label.selector|app=web,=x|'=x' is not a requirement",
        "kubernetes.label.selector|env in prod|a label selector is comma-separated requirements",
        "bus|railyard bus|must be a bus name",
        "kubernetes.master.url|k8s.example.com|must be the API server's absolute http:// or https:// URL",
        "kubernetes.ca.cert.file|/no/such/ca.pem|must be a readable PEM file on the workers",
        "kubernetes.poll.max.records|0|Value must be at least 1",
        "kubernetes.trust.certs|maybe|Expected value to be either true or false",
        "value.converter|org.apache.kafka.connect.storage.StringConverter|must be org.apache.kafka.connect.converters.ByteArrayConverter",
      })
  void shouldReportABadValueAgainstItsKeyWithWhatWouldDo(String key, String value, String reason) {
    // given a good config with one bad value
    Map<String, String> config = good();
    config.put(key, value);

    // when Connect validates it
    Map<String, List<String>> errors = errors(config);

    // then that key alone has an error that says what would be valid
    assertThat(errors).containsOnlyKeys(key);
    assertThat(errors.get(key).get(0)).contains(reason);
  }

  @Test
  void shouldNeedKindsAndByteConverters() {
    Map<String, String> config = good();
    config.remove("kubernetes.kinds");
    config.remove("key.converter");

    assertThat(errors(config)).containsOnlyKeys("kubernetes.kinds", "key.converter");
  }

  @Test
  void shouldWriteToTheDefaultBusOrToATopicGivenOutsideABus() {
    Map<String, String> neither = good();
    neither.remove("bus");
    Map<String, String> topic = good();
    topic.remove("bus");
    topic.put("topic", "k8s.raw");

    assertThat(errors(neither)).isEmpty();
    assertThat(new KubernetesSourceConfig(neither).topic()).isEqualTo("railyard.bus.default");
    assertThat(new KubernetesSourceConfig(good()).topic()).isEqualTo("railyard.bus.k8s");
    assertThat(new KubernetesSourceConfig(topic).topic()).isEqualTo("k8s.raw");
  }

  @Test
  void shouldRefuseBusAndTopicTogetherNamingBoth() {
    Map<String, String> config = good();
    config.put("topic", "k8s.raw");

    assertThat(errors(config)).containsOnlyKeys("bus", "topic");
    assertThat(errors(config).get("topic").get(0))
        .contains("set either bus (a Railyard bus) or topic (any Kafka topic), not both");
    assertThatThrownBy(() -> new KubernetesSourceConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bus")
        .hasMessageContaining("topic");
  }

  @Test
  void shouldNotRepeatABadTokenInItsError() {
    Map<String, String> config = good();
    config.put("kubernetes.token", "s3cret with spaces");

    assertThat(errors(config).get("kubernetes.token").toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> new KubernetesSourceConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldSpreadEveryKindInEveryNamespaceOverTheTasksEachOnce() {
    // given three kinds in two namespaces
    KubernetesSourceConnector connector = new KubernetesSourceConnector();
    connector.start(good());

    // when four tasks are asked for
    List<Map<String, String>> tasks = connector.taskConfigs(4);

    // then the six streams are spread over the four, each in one task
    assertThat(tasks).hasSize(4);
    List<Stream> streams =
        tasks.stream().flatMap(t -> new KubernetesSourceConfig(t).taskStreams().stream()).toList();
    assertThat(streams).hasSize(6).doesNotHaveDuplicates();
    assertThat(streams)
        .contains(new Stream(ResourceKind.parse("example.com/v1/Person:people"), "billing"));
  }

  @Test
  void shouldWriteEachObjectsPathAsKnativeDoes() {
    assertThat(ResourceKind.parse("v1/Pod").path("shop", "web"))
        .isEqualTo("/api/v1/namespaces/shop/pods/web");
    assertThat(ResourceKind.parse("batch/v1/Job").path("shop", "j"))
        .isEqualTo("/apis/batch/v1/namespaces/shop/jobs/j");
    assertThat(ResourceKind.parse("v1/Node").path("", "n1")).isEqualTo("/api/v1/nodes/n1");
    assertThat(ResourceKind.parse("networking.k8s.io/v1/Ingress").plural()).isEqualTo("ingresses");
    assertThat(ResourceKind.parse("networking.k8s.io/v1/NetworkPolicy").plural())
        .isEqualTo("networkpolicies");
  }
}
