package dev.railyard.autoscale.kubernetes;

import static dev.railyard.autoscale.kubernetes.MockCluster.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.railyard.autoscale.kubernetes.KubernetesTarget.Kind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@EnableKubernetesMockClient(crud = true)
class KubernetesWorkerActuatorTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String NAME = "railyard-worker";

  KubernetesClient client;
  KubernetesMockServer server;
  MockCluster cluster;
  KubernetesWorkerActuator actuator;

  KubernetesWorkerActuator actuator(Kind kind, String name, Duration readyTimeout) {
    cluster = new MockCluster(client);
    actuator =
        new KubernetesWorkerActuator(
            client,
            false,
            new KubernetesTarget(NAMESPACE, kind, name),
            0,
            6,
            readyTimeout,
            Duration.ofMillis(10));
    return actuator;
  }

  @AfterEach
  void close() {
    if (actuator != null) {
      actuator.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void shouldPatchSpecReplicasUpAndCompleteWhenTheyAreReady(Kind kind) throws Exception {
    // given
    actuator(kind, NAME, WAIT);
    cluster.create(kind, NAME, 2);

    // when
    CompletableFuture<?> scaled = actuator.scaleTo(4).toCompletableFuture();

    // then the spec says 4 at once, and the request waits for them
    await().atMost(WAIT).until(() -> cluster.specReplicas(kind, NAME) == 4);
    assertThat(actuator.desiredWorkers()).isEqualTo(4);
    assertThat(actuator.currentWorkers()).isEqualTo(2);
    assertThat(scaled).isNotDone();
    cluster.setReady(kind, NAME, 3);
    assertThat(actuator.currentWorkers()).isEqualTo(3);
    assertThat(scaled).isNotDone();
    cluster.setReady(kind, NAME, 4);
    scaled.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(actuator.currentWorkers()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void shouldPatchSpecReplicasDownAndCompleteWhenTheExtraOnesAreGone(Kind kind) throws Exception {
    actuator(kind, NAME, WAIT);
    cluster.create(kind, NAME, 3);

    CompletableFuture<?> scaled = actuator.scaleTo(1).toCompletableFuture();

    await().atMost(WAIT).until(() -> cluster.specReplicas(kind, NAME) == 1);
    assertThat(scaled).isNotDone();
    cluster.setReady(kind, NAME, 1);
    scaled.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(actuator.currentWorkers()).isEqualTo(1);
    assertThat(actuator.desiredWorkers()).isEqualTo(1);
  }

  @Test
  void shouldWaitUntilTheControllerHasSeenTheNewSpec() throws Exception {
    // given a Deployment of 3 whose status will say 2 ready before its controller acts
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 3);
    long before = cluster.generation(Kind.DEPLOYMENT, NAME);

    // when
    CompletableFuture<?> scaled = actuator.scaleTo(2).toCompletableFuture();
    await().atMost(WAIT).until(() -> cluster.specReplicas(Kind.DEPLOYMENT, NAME) == 2);
    cluster.setStatus(
        Kind.DEPLOYMENT, NAME, Map.of("observedGeneration", before, "readyReplicas", 2));

    // then a pod that merely crashed is not taken for the scale-down
    assertThat(cluster.generation(Kind.DEPLOYMENT, NAME)).isGreaterThan(before);
    await()
        .during(Duration.ofMillis(200))
        .atMost(WAIT)
        .until(() -> !scaled.isDone() && actuator.currentWorkers() == 2);
    cluster.setReady(Kind.DEPLOYMENT, NAME, 2);
    scaled.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void shouldCountReadyReplicasOfADeploymentFromItsStatus() {
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 3);
    cluster.setStatus(Kind.DEPLOYMENT, NAME, Map.of("replicas", 3, "readyReplicas", 1));
    assertThat(actuator.currentWorkers()).isEqualTo(1);
    assertThat(actuator.desiredWorkers()).isEqualTo(3);

    // a Deployment with no ready pod has no readyReplicas at all
    cluster.setStatus(Kind.DEPLOYMENT, NAME, Map.of("replicas", 3));
    assertThat(actuator.currentWorkers()).isZero();
  }

  @Test
  void shouldCountAKafkaConnectsReplicasOnlyWhileStrimziSaysItIsReady() {
    actuator(Kind.KAFKACONNECT, NAME, WAIT);
    cluster.create(Kind.KAFKACONNECT, NAME, 2);
    assertThat(actuator.currentWorkers()).isEqualTo(2);

    cluster.setStatus(
        Kind.KAFKACONNECT,
        NAME,
        Map.of(
            "replicas",
            2,
            "conditions",
            List.of(Map.of("type", "NotReady", "status", "True", "reason", "Timeout"))));

    assertThat(actuator.currentWorkers()).isZero();
  }

  @Test
  void shouldFailNamingTheResourceWhenItDoesNotExist() {
    actuator(Kind.STATEFULSET, "nope", WAIT);

    CompletionStage<?> scaled = actuator.scaleTo(2);

    assertThat(failure(scaled))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Cannot scale StatefulSet railyard/nope: it does not exist (404 from the API server)");
    assertThatThrownBy(actuator::currentWorkers)
        .hasMessage(
            "Cannot read StatefulSet railyard/nope: it does not exist (404 from the API server)");
  }

  @Test
  void shouldRefuseACountOutOfRangeWithoutPatching() {
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 2);

    assertThatThrownBy(() -> actuator.scaleTo(7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be between 0 and 6, not 7");
    assertThatThrownBy(() -> actuator.scaleTo(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(cluster.specReplicas(Kind.DEPLOYMENT, NAME)).isEqualTo(2);
    assertThat(actuator.desiredWorkers()).isEqualTo(2);
  }

  @Test
  void shouldRunRequestsOneAtATimeInOrderAndEndAtTheLastCount() throws Exception {
    // given a controller that makes every spec ready
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 1);
    cluster.controller(Kind.DEPLOYMENT, NAME);
    List<Integer> ended = new CopyOnWriteArrayList<>();

    // when
    List<CompletableFuture<Void>> requests =
        List.of(5, 2, 3).stream()
            .map(n -> actuator.scaleTo(n).thenRun(() -> ended.add(n)).toCompletableFuture())
            .toList();

    // then
    assertThat(actuator.desiredWorkers()).isEqualTo(3);
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(ended).containsExactly(5, 2, 3);
    assertThat(cluster.specReplicas(Kind.DEPLOYMENT, NAME)).isEqualTo(3);
    assertThat(actuator.currentWorkers()).isEqualTo(3);
    assertThat(actuator.desiredWorkers()).isEqualTo(3);
  }

  @Test
  void shouldFailWhenTheReplicasAreNotReadyWithinTheTimeout() {
    actuator(Kind.DEPLOYMENT, NAME, Duration.ofMillis(200));
    cluster.create(Kind.DEPLOYMENT, NAME, 1);

    assertThat(failure(actuator.scaleTo(3)))
        .hasMessageStartingWith(
            "Cannot scale Deployment railyard/railyard-worker to 3: 1 replica(s) were ready after")
        .hasMessageEndingWith("see kubectl describe deployment railyard-worker -n railyard");
    assertThat(actuator.desiredWorkers()).isEqualTo(3);
  }

  @Test
  void shouldFailWhenStrimziGivesUpOnTheNewSpec() {
    actuator(Kind.KAFKACONNECT, NAME, WAIT);
    cluster.create(Kind.KAFKACONNECT, NAME, 1);

    CompletionStage<?> scaled = actuator.scaleTo(2);
    await().atMost(WAIT).until(() -> cluster.specReplicas(Kind.KAFKACONNECT, NAME) == 2);
    cluster.setStatus(
        Kind.KAFKACONNECT,
        NAME,
        Map.of(
            "observedGeneration",
            99,
            "replicas",
            1,
            "conditions",
            List.of(
                Map.of(
                    "type",
                    "Ready",
                    "status",
                    "False",
                    "reason",
                    "TimeoutException",
                    "message",
                    "pods not ready"))));

    assertThat(failure(scaled))
        .hasMessage(
            "Cannot scale KafkaConnect railyard/railyard-worker to 2: Strimzi reports it not ready"
                + " (TimeoutException): pods not ready");
  }

  @Test
  void shouldFailWhenSomeoneElseChangesTheReplicasMeanwhile() {
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 1);

    CompletionStage<?> scaled = actuator.scaleTo(2);
    await().atMost(WAIT).until(() -> cluster.specReplicas(Kind.DEPLOYMENT, NAME) == 2);
    client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName(NAME)
        .edit(
            d -> {
              d.getSpec().setReplicas(4);
              return d;
            });

    assertThat(failure(scaled))
        .hasMessage(
            "Cannot scale Deployment railyard/railyard-worker to 2: its spec.replicas was changed"
                + " to 4 by someone else meanwhile");
  }

  @Test
  void shouldFailRequestsStillWaitingWhenClosed() {
    actuator(Kind.DEPLOYMENT, NAME, WAIT);
    cluster.create(Kind.DEPLOYMENT, NAME, 1);
    CompletionStage<?> waiting = actuator.scaleTo(2);
    CompletionStage<?> queued = actuator.scaleTo(3);

    actuator.close();

    assertThat(failure(waiting)).hasMessageContaining("Deployment railyard/railyard-worker");
    assertThat(failure(queued))
        .hasMessage(
            "Cannot scale Deployment railyard/railyard-worker to 3: the actuator was closed first");
  }

  @Test
  void shouldTakeTheNamespaceFromTheClientsConfigurationWhenGivenNone() {
    // given a client configuration as fabric8 finds it, here from system properties
    cluster = new MockCluster(client);
    cluster.create(Kind.DEPLOYMENT, NAME, 2);
    Map<String, String> config =
        Map.of(
            "kubernetes.master", server.url("/"),
            "kubernetes.namespace", NAMESPACE,
            "kubernetes.trust.certificates", "true",
            "kubernetes.auth.tryKubeConfig", "false",
            "kubernetes.auth.tryServiceAccount", "false");
    config.forEach(System::setProperty);
    try {
      // when
      actuator = KubernetesWorkerActuator.create(" ", "deployment/" + NAME, 1, 4);

      // then
      assertThat(actuator.target())
          .isEqualTo(new KubernetesTarget(NAMESPACE, Kind.DEPLOYMENT, NAME));
      assertThat(actuator.currentWorkers()).isEqualTo(2);
      assertThat(actuator.minWorkers()).isEqualTo(1);
      assertThat(actuator.maxWorkers()).isEqualTo(4);
    } finally {
      config.keySet().forEach(System::clearProperty);
    }
  }

  static Throwable failure(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("the request neither failed nor ended within " + WAIT, e);
    }
    throw new AssertionError("the request succeeded; a failure was expected");
  }
}
