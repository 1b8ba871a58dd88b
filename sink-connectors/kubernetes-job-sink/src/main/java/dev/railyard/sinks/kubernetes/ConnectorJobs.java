package dev.railyard.sinks.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Jobs of one connector in its namespace: their names (a prefix and a digest of the connector's
 * name and the event id, a DNS-1123 name of at most 63 characters), the label that marks them as
 * the connector's, creating one, and counting those still active. Thread-safe.
 */
final class ConnectorJobs {

  static final String CONNECTOR_LABEL = "railyard.dev/connector";
  static final String EVENT_ID_ANNOTATION = "railyard.dev/event-id";
  static final String EVENT_TYPE_ANNOTATION = "railyard.dev/event-type";

  private final KubernetesClient client;
  private final String namespace;
  private final String connector;
  private final String prefix;

  ConnectorJobs(KubernetesClient client, String namespace, String connector, String prefix) {
    this.client = client;
    this.namespace = namespace;
    this.connector = connector;
    this.prefix = prefix;
  }

  /** The name of the Job of an event: the same for the same connector and event id. */
  String nameOf(String eventId) {
    String digest = digest(connector + "/" + eventId);
    return prefix + digest.substring(0, Math.min(digest.length(), 63 - prefix.length()));
  }

  /** The connector's name when it is a valid label value, else a digest of it. */
  String label() {
    return connector.length() <= 63 && connector.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
        ? connector
        : "c-" + digest(connector).substring(0, 40);
  }

  /**
   * Creates the Job.
   *
   * @return false when a Job of that name exists already: made for this event before
   * @throws KubernetesClientException for any other refusal
   */
  boolean create(Job job) {
    try {
      client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
      return true;
    } catch (KubernetesClientException e) {
      if (JobFailures.alreadyExists(e)) {
        return false;
      }
      throw e;
    }
  }

  boolean exists(String name) {
    try {
      return client.batch().v1().jobs().inNamespace(namespace).withName(name).get() != null;
    } catch (KubernetesClientException e) {
      throw JobFailures.classify("reading Job " + name, e);
    }
  }

  /** The connector's Jobs that are neither Complete nor Failed. */
  int active() {
    List<Job> jobs;
    try {
      jobs =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(namespace)
              .withLabel(CONNECTOR_LABEL, label())
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      throw JobFailures.classify("listing the Jobs of " + connector, e);
    }
    return (int) jobs.stream().filter(j -> !finished(j)).count();
  }

  static boolean finished(Job job) {
    List<JobCondition> conditions =
        job.getStatus() == null ? null : job.getStatus().getConditions();
    return conditions != null
        && conditions.stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
