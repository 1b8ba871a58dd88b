package dev.railyard.autoscale.kubernetes;

import dev.railyard.autoscale.kubernetes.KubernetesTarget.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The resources of the mock API server as their controllers would keep them, for the actuator's
 * tests: nothing runs a Deployment controller or Strimzi there, so the test says what their status
 * is, or starts {@link #controller} to follow every spec at once.
 */
final class MockCluster implements AutoCloseable {

  static final String NAMESPACE = "railyard";

  private final KubernetesClient client;
  private ScheduledExecutorService controller;

  MockCluster(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the resource with {@code replicas} in its spec, all of them ready. */
  void create(Kind kind, String name, int replicas) {
    GenericKubernetesResource resource =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(kind.apiVersion())
            .withKind(kind.kindName())
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName(name)
            .endMetadata()
            .addToAdditionalProperties("spec", new LinkedHashMap<>(Map.of("replicas", replicas)))
            .build();
    // createOr: under load the client may send the POST again after a timeout, and the second one
    // finds what the first made (409); what counts is that the resource is there as given
    resources(kind).resource(resource).createOr(existing -> existing.update());
    setReady(kind, name, replicas);
  }

  int specReplicas(Kind kind, String name) {
    return ((Number) resource(kind, name).get().get("spec", "replicas")).intValue();
  }

  long generation(Kind kind, String name) {
    return resource(kind, name).get().getMetadata().getGeneration();
  }

  /**
   * Says {@code ready} replicas are ready and the controller has seen the current spec: a
   * Deployment's or StatefulSet's {@code status.readyReplicas}, a KafkaConnect's {@code
   * status.replicas} with its {@code Ready} condition {@code True}.
   */
  void setReady(Kind kind, String name, int ready) {
    GenericKubernetesResource current = resource(kind, name).get();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("observedGeneration", current.getMetadata().getGeneration());
    if (kind == Kind.KAFKACONNECT) {
      status.put("replicas", ready);
      status.put("conditions", List.of(Map.of("type", "Ready", "status", "True")));
    } else {
      status.put("replicas", ready);
      status.put("readyReplicas", ready);
    }
    setStatus(kind, name, status);
  }

  void setStatus(Kind kind, String name, Map<String, Object> status) {
    GenericKubernetesResource current = resource(kind, name).get();
    current.setAdditionalProperty("status", status);
    resources(kind).resource(current).updateStatus();
  }

  /** From now on, every spec's replicas are ready within a few milliseconds, as if controlled. */
  void controller(Kind kind, String name) {
    controller = Executors.newSingleThreadScheduledExecutor();
    controller.scheduleWithFixedDelay(
        () -> {
          GenericKubernetesResource r = resource(kind, name).get();
          Number observed = r.get("status", "observedGeneration");
          if (observed == null || observed.longValue() != r.getMetadata().getGeneration()) {
            setReady(kind, name, specReplicas(kind, name));
          }
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
  }

  private Resource<GenericKubernetesResource> resource(Kind kind, String name) {
    return resources(kind).withName(name);
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(Kind kind) {
    return client.genericKubernetesResources(kind.context()).inNamespace(NAMESPACE);
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.shutdownNow();
    }
  }
}
