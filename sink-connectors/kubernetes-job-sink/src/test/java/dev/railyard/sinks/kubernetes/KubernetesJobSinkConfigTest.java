package dev.railyard.sinks.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configs, reported per key through Connect's validate step, the template checked whole. */
class KubernetesJobSinkConfigTest {

  static Map<String, String> good() {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", KubernetesJobSinkConnector.class.getName());
    c.put("topics", "railyard.to.orders.jobs");
    c.put("kubernetes.master.url", "https://k8s.example.com:6443");
    c.put("kubernetes.namespace", "shop");
    c.put("kubernetes.job.template", KubernetesJobSinkTaskTest.TEMPLATE);
    return c;
  }

  static Map<String, List<String>> errors(Map<String, String> config) {
    return new KubernetesJobSinkConnector()
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
        "kubernetes.namespace|Shop|must be a namespace name",
        "kubernetes.job.name.prefix|Jobs-|must be 1 to 40 lower-case letters, digits or '-'",
        "kubernetes.job.max.active|-1|Value must be at least 0",
        "kubernetes.job.ttl.seconds.after.finished|-2|Value must be at least -1",
        "kubernetes.job.recheck.ms|10|Value must be at least 100",
        "kubernetes.master.url|ftp://k8s|must be the API server's absolute http:// or https:// URL",
        "kubernetes.job.result.topic|job results|must be empty or a Kafka topic name",
        "kubernetes.job.result.bootstrap.servers|kafka-1|must be host:port pairs",
      })
  void shouldReportABadValueAgainstItsKey(String key, String value, String reason) {
    Map<String, String> config = good();
    config.put(key, value);

    Map<String, List<String>> errors = errors(config);

    assertThat(errors).containsOnlyKeys(key);
    assertThat(errors.get(key).get(0)).contains(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|must be a Job manifest in YAML or JSON",
        "'apiVersion: v1\nkind: Pod\nmetadata: {name: p}'|must be of apiVersion batch/v1 and kind Job",
        "'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {restartPolicy: Never}}}'|must have spec.template.spec.containers",
        "'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {containers: [{name: a, image: b}]}}}'|restartPolicy must be Never or OnFailure",
        "'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: \"${order}\"}]}}}'|${order} is not a placeholder",
        "'apiVersion: batch/v1\nkind: Job\nspec: {backoffLimit: \"${data.n}\", template: {spec: {restartPolicy: Never, containers: [{name: a, image: b}]}}}'|a placeholder may stand only in a string value",
        "'{not yaml: [}'|is not YAML or JSON of a Kubernetes object",
      })
  void shouldSayWhatIsWrongWithATemplate(String template, String reason) {
    Map<String, String> config = good();
    config.put("kubernetes.job.template", template.replace("\\n", "\n"));

    Map<String, List<String>> errors = errors(config);

    assertThat(errors).containsOnlyKeys("kubernetes.job.template");
    assertThat(errors.get("kubernetes.job.template").get(0))
        .startsWith("kubernetes.job.template: the Job template")
        .contains(reason);
  }

  @Test
  void shouldNeedAClusterForTheResults() {
    Map<String, String> config = good();
    config.put("kubernetes.job.result.topic", "railyard.bus.jobs");

    assertThat(errors(config)).containsOnlyKeys("kubernetes.job.result.bootstrap.servers");
    config.put("kubernetes.job.result.bootstrap.servers", "kafka-1:9092,kafka-2:9092");
    assertThat(errors(config)).isEmpty();
  }

  @Test
  void shouldLetOnlyTheFirstTaskWriteResults() {
    KubernetesJobSinkConnector connector = new KubernetesJobSinkConnector();
    connector.start(good());

    assertThat(connector.taskConfigs(3))
        .extracting(c -> c.get("kubernetes.job.task.index"))
        .containsExactly("0", "1", "2");
  }

  @Test
  void shouldNameAJobAfterTheConnectorAndTheEventOnly() {
    ConnectorJobs jobs = new ConnectorJobs(null, "shop", "orders-jobs", "railyard-");
    ConnectorJobs other = new ConnectorJobs(null, "shop", "refunds-jobs", "railyard-");

    assertThat(jobs.nameOf("evt-1")).isEqualTo(jobs.nameOf("evt-1")).hasSize(63);
    assertThat(jobs.nameOf("evt-1")).isNotEqualTo(jobs.nameOf("evt-2"));
    assertThat(jobs.nameOf("evt-1")).isNotEqualTo(other.nameOf("evt-1"));
    assertThat(new ConnectorJobs(null, "shop", "railyard.to.a-rule.a-target", "x-").label())
        .isEqualTo("railyard.to.a-rule.a-target");
    assertThat(new ConnectorJobs(null, "shop", "a/b", "x-").label()).startsWith("c-");
  }
}
