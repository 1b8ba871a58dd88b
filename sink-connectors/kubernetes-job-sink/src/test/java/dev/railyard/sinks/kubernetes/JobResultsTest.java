package dev.railyard.sinks.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The results of finished Jobs, written once each; Kafka's MockProducer stands for the cluster
 * (these tests have no broker), the mock API server for Kubernetes, the test for the Job
 * controller.
 */
@EnableKubernetesMockClient(crud = true)
class JobResultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  KubernetesMockServer server;
  KubernetesClient client;
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  @Test
  void shouldWriteTheResultOfEachFinishedJobOnceEvenAfterARestart() throws Exception {
    // given three Jobs of the connector: one complete, one failed, one running
    create("railyard-a", "evt-a", "Complete");
    create("railyard-b", "evt-b", "Failed");
    create("railyard-c", "evt-c", null);
    JobResults results = results();

    // when a pass runs, and another one later (as after a restart)
    int first = results.sendFinished();
    int second = results().sendFinished();

    // then the two finished Jobs have one result each, and the running one none
    assertThat(first).isEqualTo(2);
    assertThat(second).isZero();
    assertThat(producer.history()).hasSize(2);
    Map<String, JsonNode> byJob = new java.util.HashMap<>();
    for (var r : producer.history()) {
      JsonNode e = JSON.readTree(r.value());
      byJob.put(e.at("/data/job").asText(), e);
    }
    JsonNode a = byJob.get("railyard-a");
    JsonNode b = byJob.get("railyard-b");
    assertThat(a.get("type").asText()).isEqualTo("dev.railyard.kubernetes.job.succeeded");
    assertThat(a.at("/data/eventId").asText()).isEqualTo("evt-a");
    assertThat(a.get("subject").asText())
        .isEqualTo("/apis/batch/v1/namespaces/shop/jobs/railyard-a");
    assertThat(b.get("type").asText()).isEqualTo("dev.railyard.kubernetes.job.failed");
    assertThat(producer.history().get(0).topic()).isEqualTo("railyard.bus.jobs");
    assertThat(jobAnnotations("railyard-a"))
        .containsEntry(JobResults.RESULT_ANNOTATION, "succeeded");

    // when the running one completes
    finish("railyard-c", "Complete");
    results.sendFinished();

    // then its result comes too
    assertThat(producer.history()).hasSize(3);
  }

  JobResults results() {
    return new JobResults(
        client, "shop", "orders-jobs", "railyard.bus.jobs", producer, Clock.systemUTC());
  }

  void create(String name, String eventId, String condition) {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withLabels(Map.of(ConnectorJobs.CONNECTOR_LABEL, "orders-jobs"))
            .withAnnotations(Map.of(ConnectorJobs.EVENT_ID_ANNOTATION, eventId))
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("a")
            .withImage("b")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.batch().v1().jobs().inNamespace("shop").resource(job).create();
    if (condition != null) {
      finish(name, condition);
    }
  }

  void finish(String name, String condition) {
    Job job = client.batch().v1().jobs().inNamespace("shop").withName(name).get();
    job.setStatus(
        new JobStatusBuilder()
            .withConditions(
                new JobConditionBuilder().withType(condition).withStatus("True").build())
            .build());
    client.batch().v1().jobs().inNamespace("shop").resource(job).updateStatus();
  }

  Map<String, String> jobAnnotations(String name) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace("shop")
        .withName(name)
        .get()
        .getMetadata()
        .getAnnotations();
  }
}
