package dev.railyard.sinks.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one Job per record, named after its event id ({@link ConnectorJobs#nameOf}): a
 * redelivered record finds its Job (409 AlreadyExists) and counts as delivered, so a Job is made
 * once per event however often Connect hands it over.
 *
 * <p>At the cap of active Jobs the task keeps the records it could not create yet, pauses its
 * partitions and counts again every {@value KubernetesJobSinkConfig#RECHECK_MS_CONFIG}; it commits
 * no offset past a record still waiting ({@link #preCommit}), so a task that stops or dies with
 * records waiting leaves them to be read again. A failed create throws {@code RetriableException}
 * or {@code DataException} as {@link JobFailures} says, after handing the records still waiting
 * back to Connect by rewinding their partitions. Connect calls it from one thread.
 */
public class KubernetesJobSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(KubernetesJobSinkTask.class);

  private final Deque<SinkRecord> waiting = new ArrayDeque<>();
  private KubernetesClient client;
  private ConnectorJobs jobs;
  private JobTemplate template;
  private String namespace;
  private int maxActive;
  private int ttl;
  private int recheckMs;
  private boolean paused;
  private JobResults results;

  @Override
  public void start(Map<String, String> props) {
    KubernetesJobSinkConfig config = new KubernetesJobSinkConfig(props);
    client = config.connection().client();
    namespace = config.getString(KubernetesJobSinkConfig.NAMESPACE_CONFIG);
    String connector = props.getOrDefault("name", "kubernetes-job-sink");
    jobs =
        new ConnectorJobs(
            client,
            namespace,
            connector,
            config.getString(KubernetesJobSinkConfig.NAME_PREFIX_CONFIG));
    template = config.template();
    maxActive = config.getInt(KubernetesJobSinkConfig.MAX_ACTIVE_CONFIG);
    ttl = config.getInt(KubernetesJobSinkConfig.TTL_CONFIG);
    recheckMs = config.getInt(KubernetesJobSinkConfig.RECHECK_MS_CONFIG);
    if (config.resultTopic() != null
        && config.getInt(KubernetesJobSinkConfig.TASK_INDEX_CONFIG) == 0) {
      results =
          new JobResults(
              client,
              namespace,
              jobs.label(),
              config.resultTopic(),
              new KafkaProducer<>(
                  config.resultProducer(), new ByteArraySerializer(), new ByteArraySerializer()),
              Clock.systemUTC());
      results.start(recheckMs);
    }
    log.info(
        "Jobs for {} in namespace {}, at most {} active",
        connector,
        namespace,
        maxActive == 0 ? "any number" : maxActive);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    waiting.addAll(records);
    try {
      createWaiting();
    } catch (ConnectException e) {
      handBack();
      throw e;
    }
  }

  private void createWaiting() {
    int active = maxActive > 0 && !waiting.isEmpty() ? jobs.active() : 0;
    while (!waiting.isEmpty()) {
      SinkRecord record = waiting.peek();
      if (maxActive > 0 && active >= maxActive) {
        if (!jobs.exists(jobs.nameOf(EventView.of(record).id()))) {
          pause(active);
          return;
        }
        // a redelivery of an event whose Job is there: delivered, at the cap or not
        waiting.poll();
        continue;
      }
      if (create(record)) {
        active++;
      }
      waiting.poll();
    }
    resume();
  }

  /**
   * @return whether a Job was made; false when the event's Job was there already
   */
  private boolean create(SinkRecord record) {
    EventView event = EventView.of(record);
    Job job;
    try {
      job = template.jobFor(event::value);
    } catch (IllegalArgumentException e) {
      throw new DataException("the event " + event.id() + " " + e.getMessage(), e);
    }
    String name = jobs.nameOf(event.id());
    if (job.getMetadata() == null) {
      job.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    job.getMetadata().setName(name);
    job.getMetadata().setNamespace(namespace);
    job.getMetadata().setGenerateName(null);
    Map<String, String> labels = new LinkedHashMap<>();
    if (job.getMetadata().getLabels() != null) {
      labels.putAll(job.getMetadata().getLabels());
    }
    labels.put(ConnectorJobs.CONNECTOR_LABEL, jobs.label());
    job.getMetadata().setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (job.getMetadata().getAnnotations() != null) {
      annotations.putAll(job.getMetadata().getAnnotations());
    }
    annotations.put(ConnectorJobs.EVENT_ID_ANNOTATION, event.id());
    annotations.put(ConnectorJobs.EVENT_TYPE_ANNOTATION, event.type());
    job.getMetadata().setAnnotations(annotations);
    if (ttl >= 0) {
      job.getSpec().setTtlSecondsAfterFinished(ttl);
    }
    try {
      boolean created = jobs.create(job);
      log.debug("{} Job {} for event {}", created ? "Created" : "Found", name, event.id());
      return created;
    } catch (KubernetesClientException e) {
      throw JobFailures.classify("creating Job " + name + " for event " + event.id(), e);
    }
  }

  private void pause(int active) {
    if (!paused) {
      log.info("{} Jobs active, the cap: pausing until one finishes", active);
      context.pause(context.assignment().toArray(TopicPartition[]::new));
      paused = true;
    }
    context.timeout(recheckMs);
  }

  private void resume() {
    if (paused) {
      log.info("Below the cap of {} active Jobs again: resuming", maxActive);
      context.resume(context.assignment().toArray(TopicPartition[]::new));
      paused = false;
    }
  }

  /** Gives the records still waiting back to Connect: their partitions read again from them. */
  private void handBack() {
    firstWaiting().forEach((tp, offset) -> context.offset(tp, offset));
    waiting.clear();
    resume();
  }

  /** Commits nothing at or past a record still waiting for its Job. */
  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(currentOffsets);
    firstWaiting().forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    return offsets;
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    Set<TopicPartition> closed = Set.copyOf(partitions);
    waiting.removeIf(r -> closed.contains(partitionOf(r)));
  }

  private Map<TopicPartition, Long> firstWaiting() {
    return waiting.stream()
        .collect(
            Collectors.toMap(
                KubernetesJobSinkTask::partitionOf,
                SinkRecord::originalKafkaOffset,
                Math::min,
                LinkedHashMap::new));
  }

  private static TopicPartition partitionOf(SinkRecord r) {
    return new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
  }

  @Override
  public void stop() {
    if (results != null) {
      results.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Override
  public String version() {
    return KubernetesJobSinkConnector.VERSION;
  }
}
