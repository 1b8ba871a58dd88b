package dev.railyard.sinks.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a CloudEvent for every finished Job of the connector (type {@code
 * dev.railyard.kubernetes.job.succeeded} or {@code .failed}) to a topic, then marks the Job with
 * the annotation {@value #RESULT_ANNOTATION}, so a restart writes no result twice; a result whose
 * mark failed is written again with the same id. One pass every period, on a thread of its own.
 */
final class JobResults implements AutoCloseable {

  static final String RESULT_ANNOTATION = "railyard.dev/result-sent";
  static final String TYPE_PREFIX = "dev.railyard.kubernetes.job.";

  private static final Logger log = LoggerFactory.getLogger(JobResults.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final String label;
  private final String topic;
  private final String source;
  private final Producer<byte[], byte[]> producer;
  private final Clock clock;
  private ScheduledExecutorService timer;

  JobResults(
      KubernetesClient client,
      String namespace,
      String label,
      String topic,
      Producer<byte[], byte[]> producer,
      Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.label = label;
    this.topic = topic;
    this.source = client.getConfiguration().getMasterUrl().replaceAll("/+$", "");
    this.producer = producer;
    this.clock = clock;
  }

  /** Runs {@link #sendFinished} every {@code periodMs}, logging what fails at WARN. */
  void start(long periodMs) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "job-results-" + label));
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sendFinished();
          } catch (RuntimeException e) {
            log.warn("Cannot write the results of the Jobs of {} now: {}", label, e.toString());
          }
        },
        periodMs,
        periodMs,
        TimeUnit.MILLISECONDS);
  }

  /** One pass: each finished Job without its mark gets its result written, then the mark. */
  int sendFinished() {
    int sent = 0;
    for (Job job :
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(ConnectorJobs.CONNECTOR_LABEL, label)
            .list()
            .getItems()) {
      String outcome = outcome(job);
      Map<String, String> annotations = job.getMetadata().getAnnotations();
      if (outcome == null || annotations != null && annotations.containsKey(RESULT_ANNOTATION)) {
        continue;
      }
      try {
        producer
            .send(new ProducerRecord<>(topic, key(job), event(job, outcome)))
            .get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return sent;
      } catch (Exception e) {
        throw new IllegalStateException(
            "writing the result of Job " + name(job) + " to " + topic, e);
      }
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .withName(name(job))
          .edit(
              j -> {
                Map<String, String> a = new LinkedHashMap<>();
                if (j.getMetadata().getAnnotations() != null) {
                  a.putAll(j.getMetadata().getAnnotations());
                }
                a.put(RESULT_ANNOTATION, outcome);
                j.getMetadata().setAnnotations(a);
                return j;
              });
      sent++;
    }
    return sent;
  }

  /** {@code succeeded}, {@code failed}, or null for a Job still active. */
  static String outcome(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    for (JobCondition c : job.getStatus().getConditions()) {
      if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
        return "succeeded";
      }
      if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
        return "failed";
      }
    }
    return null;
  }

  private byte[] event(Job job, String outcome) {
    Map<String, String> annotations =
        job.getMetadata().getAnnotations() == null ? Map.of() : job.getMetadata().getAnnotations();
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", digest(name(job) + "/" + outcome));
    event.put("source", source);
    event.put("type", TYPE_PREFIX + outcome);
    event.put("subject", "/apis/batch/v1/namespaces/" + namespace + "/jobs/" + name(job));
    event.put("time", Instant.now(clock).toString());
    event.put("datacontenttype", "application/json");
    ObjectNode data = event.putObject("data");
    data.put("job", name(job));
    data.put("namespace", namespace);
    data.put("eventId", annotations.get(ConnectorJobs.EVENT_ID_ANNOTATION));
    data.put("eventType", annotations.get(ConnectorJobs.EVENT_TYPE_ANNOTATION));
    data.set("status", JSON.valueToTree(job.getStatus()));
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] key(Job job) {
    return name(job).getBytes(StandardCharsets.UTF_8);
  }

  private static String name(Job job) {
    return job.getMetadata().getName();
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    producer.close();
  }
}
