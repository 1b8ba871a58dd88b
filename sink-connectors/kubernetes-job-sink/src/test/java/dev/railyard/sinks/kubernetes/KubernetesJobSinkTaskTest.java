package dev.railyard.sinks.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Job sink against fabric8's mock API server in CRUD mode; the test plays the Job controller
 * (the mock changes no status by itself).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesJobSinkTaskTest {

  static final String TEMPLATE =
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        labels: {app: fulfil}
      spec:
        backoffLimit: 2
        template:
          spec:
            restartPolicy: Never
            containers:
              - name: fulfil
                image: "registry.example.com/fulfil:1.4"
                args: ["--order", "${data.orderId}", "--event", "${id}"]
                env:
                  - {name: ORDER_TYPE, value: "${type}"}
                  - {name: ITEMS, value: "${data.items}"}
      """;
  static final TopicPartition PARTITION = new TopicPartition("railyard.to.orders.jobs", 0);

  KubernetesMockServer server;
  KubernetesClient client;
  final FakeSinkContext context = new FakeSinkContext(PARTITION);
  final KubernetesJobSinkTask task = new KubernetesJobSinkTask();

  @BeforeEach
  void start() {
    start(Map.of());
  }

  void start(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("name", "orders-jobs");
    props.put("kubernetes.master.url", client.getConfiguration().getMasterUrl());
    props.put("kubernetes.trust.certs", "true");
    props.put("kubernetes.namespace", "shop");
    props.put("kubernetes.job.template", TEMPLATE);
    props.put("kubernetes.job.max.active", "2");
    props.put("kubernetes.job.ttl.seconds.after.finished", "600");
    props.putAll(extra);
    task.initialize(context);
    task.start(props);
  }

  @AfterEach
  void stop() {
    task.stop();
  }

  @Test
  void shouldMakeAJobFromTheTemplateWithTheEventsValues() {
    // when an order event is delivered
    task.put(List.of(record(0, "evt-1")));

    // then its Job is there with the event's values, the connector's label and the TTL
    List<Job> jobs = jobs();
    assertThat(jobs).hasSize(1);
    Job job = jobs.get(0);
    assertThat(job.getMetadata().getName()).startsWith("railyard-").hasSizeLessThanOrEqualTo(63);
    assertThat(job.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app", "fulfil")
        .containsEntry("railyard.dev/connector", "orders-jobs");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("railyard.dev/event-id", "evt-1")
        .containsEntry("railyard.dev/event-type", "order.paid");
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("--order", "o-evt-1", "--event", "evt-1");
    assertThat(container.getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly("ORDER_TYPE=order.paid", "ITEMS=[\"book\",\"pen\"]");
  }

  @Test
  void shouldMakeOneJobForAnEventDeliveredTwice() {
    // when the same event comes twice, in two batches and once more in a batch of its own
    task.put(List.of(record(0, "evt-1"), record(1, "evt-2")));
    task.put(List.of(record(0, "evt-1")));

    // then there is one Job per event, the second delivery counted as delivered
    assertThat(jobs()).hasSize(2);
    assertThat(task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(2))))
        .containsEntry(PARTITION, new OffsetAndMetadata(2));
  }

  @Test
  void shouldPauseAtTheCapAndMakeTheRestOnceJobsFinishWithoutCommittingThem() {
    // when four events come with a cap of two active Jobs
    task.put(List.of(record(0, "a"), record(1, "b"), record(2, "c"), record(3, "d")));

    // then two Jobs are made, the partition is paused, and no offset past the third is committed
    assertThat(jobs()).hasSize(2);
    assertThat(context.paused).containsExactly(PARTITION);
    assertThat(context.timeout).isEqualTo(2000);
    assertThat(task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(4))))
        .containsEntry(PARTITION, new OffsetAndMetadata(2));

    // when one Job completes and Connect calls again (paused, with no records)
    finish(jobs().get(0), "Complete");
    task.put(List.of());

    // then the third is made, still paused for the fourth
    assertThat(jobs()).hasSize(3);
    assertThat(context.paused).containsExactly(PARTITION);

    // when another fails (finished too)
    finish(jobs().stream().filter(j -> j.getStatus() == null).findFirst().orElseThrow(), "Failed");
    task.put(List.of());

    // then the fourth is made, the partition resumed and every offset may be committed
    assertThat(jobs()).hasSize(4);
    assertThat(context.paused).isEmpty();
    assertThat(task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(4))))
        .containsEntry(PARTITION, new OffsetAndMetadata(4));
  }

  @Test
  void shouldLeaveWaitingRecordsToBeReadAgainWhenTheTaskStops() {
    // given a task at the cap with two records waiting
    task.put(List.of(record(0, "a"), record(1, "b"), record(2, "c"), record(3, "d")));

    // when the task loses its partition (a rebalance, or it stops)
    task.close(List.of(PARTITION));

    // then nothing waits any more, and a new task given the records again makes no second Job
    task.stop();
    KubernetesJobSinkTask next = new KubernetesJobSinkTask();
    FakeSinkContext nextContext = new FakeSinkContext(PARTITION);
    next.initialize(nextContext);
    Map<String, String> props = new HashMap<>();
    props.put("name", "orders-jobs");
    props.put("kubernetes.master.url", client.getConfiguration().getMasterUrl());
    props.put("kubernetes.trust.certs", "true");
    props.put("kubernetes.namespace", "shop");
    props.put("kubernetes.job.template", TEMPLATE);
    props.put("kubernetes.job.max.active", "0");
    next.start(props);
    next.put(List.of(record(0, "a"), record(1, "b"), record(2, "c"), record(3, "d")));
    assertThat(jobs()).hasSize(4);
    next.stop();
  }

  @Test
  void shouldRefuseAnEventWithoutAValueTheTemplateNeedsAsADataError() {
    SinkRecord noOrder =
        new SinkRecord(
            PARTITION.topic(),
            0,
            null,
            null,
            Schema.STRING_SCHEMA,
            "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
            5);

    assertThatThrownBy(() -> task.put(List.of(noOrder)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("has no data.orderId for ${data.orderId}");
    assertThat(context.rewound).containsEntry(PARTITION, 5L);
    assertThat(jobs()).isEmpty();
  }

  @Test
  void shouldMakeAJobFromATemplateWithoutMetadata() {
    // given a template that says nothing of its metadata
    task.stop();
    start(
        Map.of(
            "kubernetes.job.template",
            "apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {restartPolicy: Never,"
                + " containers: [{name: a, image: \"img:${data.orderId}\"}]}}}"));

    // when an event is delivered
    task.put(List.of(record(0, "evt-1")));

    // then its Job has the sink's name, label and annotations
    Job job = jobs().get(0);
    assertThat(job.getMetadata().getName()).startsWith("railyard-");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("railyard.dev/connector", "orders-jobs");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("img:o-evt-1");
  }

  @Test
  void shouldReadABinaryModeEvent() {
    SinkRecord binary =
        new SinkRecord(
            PARTITION.topic(),
            0,
            null,
            null,
            Schema.STRING_SCHEMA,
            "{\"orderId\":\"o-9\",\"items\":[]}",
            7);
    binary
        .headers()
        .addString("ce_specversion", "1.0")
        .addString("ce_id", "bin-1")
        .addString("ce_type", "order.paid")
        .addString("ce_source", "shop");

    task.put(List.of(binary));

    assertThat(jobs().get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("--order", "o-9", "--event", "bin-1");
  }

  List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace("shop").list().getItems();
  }

  /** What the Job controller does when a Job's pods end. */
  void finish(Job job, String condition) {
    job.setStatus(
        new JobStatusBuilder()
            .withConditions(
                new JobConditionBuilder().withType(condition).withStatus("True").build())
            .build());
    client.batch().v1().jobs().inNamespace("shop").resource(job).updateStatus();
  }

  static SinkRecord record(long offset, String id) {
    String event =
        """
        {"specversion":"1.0","id":"%s","source":"shop","type":"order.paid",\
        "data":{"orderId":"o-%s","items":["book","pen"]}}"""
            .formatted(id, id);
    return new SinkRecord(
        PARTITION.topic(), PARTITION.partition(), null, null, Schema.STRING_SCHEMA, event, offset);
  }
}
