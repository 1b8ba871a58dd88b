package dev.railyard.autoscale.kubernetes;

import dev.railyard.autoscale.kubernetes.KubernetesTarget.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one read of the target says about its replicas, whatever its kind.
 *
 * @param desired {@code spec.replicas}, or the kind's default when the spec leaves it out
 * @param ready the replicas ready to take tasks
 * @param generation {@code metadata.generation}: bumped by the API server on every spec change
 * @param observedGeneration the generation its controller last acted on; 0 when it has said none
 * @param failure why its controller gave up on the current spec, if it says so
 */
record ReplicaState(
    int desired, int ready, long generation, long observedGeneration, Optional<String> failure) {

  /**
   * Reads a Deployment or StatefulSet ({@code status.readyReplicas}) or a Strimzi KafkaConnect,
   * whose status has no ready count: Strimzi sets {@code status.replicas} and the {@code Ready}
   * condition when a reconciliation that waited for the pods ends, so its replicas count only while
   * that condition is {@code True}.
   */
  static ReplicaState of(Kind kind, GenericKubernetesResource resource) {
    long generation = number(resource.get("metadata", "generation"), 0);
    long observed = number(resource.get("status", "observedGeneration"), 0);
    return switch (kind) {
      case DEPLOYMENT, STATEFULSET -> {
        Optional<String> failure =
            condition(resource, "Progressing")
                .filter(c -> "False".equals(c.get("status")))
                .filter(c -> "ProgressDeadlineExceeded".equals(c.get("reason")))
                .map(c -> "its rollout stalled (ProgressDeadlineExceeded): " + c.get("message"));
        yield new ReplicaState(
            (int) number(resource.get("spec", "replicas"), 1),
            (int) number(resource.get("status", "readyReplicas"), 0),
            generation,
            observed,
            failure);
      }
      case KAFKACONNECT -> {
        Optional<Map<String, Object>> readyCondition = condition(resource, "Ready");
        boolean ready = readyCondition.map(c -> "True".equals(c.get("status"))).orElse(false);
        Optional<String> failure =
            readyCondition
                .filter(c -> "False".equals(c.get("status")))
                .map(
                    c ->
                        "Strimzi reports it not ready ("
                            + c.get("reason")
                            + "): "
                            + c.get("message"));
        yield new ReplicaState(
            (int) number(resource.get("spec", "replicas"), 3),
            ready ? (int) number(resource.get("status", "replicas"), 0) : 0,
            generation,
            observed,
            failure);
      }
    };
  }

  /** Whether the controller has acted on {@code patchedGeneration} and {@code count} are ready. */
  boolean reached(int count, long patchedGeneration) {
    return desired == count && ready == count && observedGeneration >= patchedGeneration;
  }

  /** Why a wait for {@code count} replicas cannot succeed now, if it cannot. */
  Optional<String> blocker(int count, long patchedGeneration) {
    if (desired != count) {
      return Optional.of(
          "its spec.replicas was changed to " + desired + " by someone else meanwhile");
    }
    return observedGeneration >= patchedGeneration ? failure : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> condition(
      GenericKubernetesResource resource, String type) {
    Object conditions = resource.get("status", "conditions");
    if (!(conditions instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .filter(c -> c instanceof Map<?, ?> m && type.equals(m.get("type")))
        .map(c -> (Map<String, Object>) c)
        .findFirst();
  }

  private static long number(Object value, long absent) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      return Long.parseLong(s.strip());
    }
    return absent;
  }
}
