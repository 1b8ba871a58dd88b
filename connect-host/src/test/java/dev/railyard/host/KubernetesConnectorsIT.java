package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Railyard's two Kubernetes connectors installed from their plugin archives through the API, run by
 * a worker against fabric8's mock API server (CRUD mode, plain HTTP on localhost, in this JVM):
 * order events routed by a rule to Kubernetes Jobs, and Pods watched by the source with a rule
 * routing failed ones to Railyard's log sink (installed from its archive too) and to an HTTP
 * endpoint (Railyard's built-in HTTP sink).
 */
@WithPlatform(workers = 1, shared = "connectors", settings = ConnectorPlugins.EXACTLY_ONCE)
class KubernetesConnectorsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  static KubernetesMockServer server;
  static KubernetesClient kubernetes;

  @BeforeAll
  static void startApiServer() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesMixedDispatcher(new HashMap<>()),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    kubernetes = server.createClient();
  }

  @AfterAll
  static void stopApiServer() {
    kubernetes.close();
    server.destroy();
  }

  static String apiServerUrl() {
    return kubernetes.getConfiguration().getMasterUrl().replaceAll("/+$", "");
  }

  @Test
  void shouldRunAJobForEachOrderEventARuleRoutesToTheJobSinkAndPutItsResultOnABus(
      ApiClient api, Platform platform) throws Exception {
    // given the Job sink installed from its plugin archive, a rule sending paid orders to it, and
    // a rule sending the Jobs' results from their bus to an HTTP endpoint
    ConnectorPlugins.install(
        platform,
        api,
        "railyard-kubernetes-job-sink",
        "dev.railyard.sinks.kubernetes.KubernetesJobSinkConnector");
    Endpoint results = Endpoint.start(200);
    RuleFixtures.applyOk(api, resultsRule(results));
    RuleFixtures.applyOk(api, jobsRule(platform.bootstrapServers()));

    // when three paid orders and one refund are put on the bus
    ApiClient.Response put =
        api.post(
            "/api/v1/events",
            """
            [{"bus": "k8s-orders", "source": "shop", "type": "order.paid", "data": {"orderId": "o-1"}},
             {"bus": "k8s-orders", "source": "shop", "type": "order.paid", "data": {"orderId": "o-2"}},
             {"bus": "k8s-orders", "source": "shop", "type": "order.refunded", "data": {"orderId": "o-1"}},
             {"bus": "k8s-orders", "source": "shop", "type": "order.paid", "data": {"orderId": "o-3"}}]""");
    assertThat(put.json().get("failedEntryCount").asInt()).as(put.body()).isZero();

    // then the API server has one Job per paid order, made from the template with its values
    await("three Jobs in namespace shop")
        .atMost(Duration.ofSeconds(120))
        .until(() -> jobs().size() >= 3);
    List<Job> jobs = jobs();
    assertThat(jobs).hasSize(3);
    assertThat(jobs)
        .extracting(
            j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(1))
        .containsExactlyInAnyOrder("o-1", "o-2", "o-3");
    assertThat(jobs)
        .allSatisfy(
            j -> {
              assertThat(j.getMetadata().getLabels())
                  .containsEntry("railyard.dev/connector", "railyard.to.k8s-orders-jobs.fulfil");
              assertThat(j.getSpec().getTtlSecondsAfterFinished()).isEqualTo(300);
            });

    // when the test, playing the Job controller, completes two Jobs and fails the third
    for (int i = 0; i < jobs.size(); i++) {
      finish(jobs.get(i), i < 2 ? "Complete" : "Failed");
    }

    // then each Job's result reaches the endpoint through its bus, once
    try (results) {
      await("three results at the endpoint")
          .atMost(Duration.ofSeconds(120))
          .until(() -> results.delivered().size() >= 3);
      List<JsonNode> events =
          results.delivered().stream().map(KubernetesConnectorsIT::readTree).toList();
      assertThat(events)
          .extracting(e -> e.get("type").asText())
          .containsExactlyInAnyOrder(
              "dev.railyard.kubernetes.job.succeeded",
              "dev.railyard.kubernetes.job.succeeded",
              "dev.railyard.kubernetes.job.failed");
      assertThat(events)
          .extracting(e -> e.at("/data/eventId").asText())
          .containsExactlyInAnyOrderElementsOf(
              jobs.stream()
                  .map(j -> j.getMetadata().getAnnotations().get("railyard.dev/event-id"))
                  .toList());
    }
  }

  private static void awaitWatchOfPods() {
    await("the source's watch of pods")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var request = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
              return request != null
                  && request.getPath().startsWith("/api/v1/namespaces/shop/pods?")
                  && request.getPath().contains("watch=true");
            });
  }

  private void finish(Job job, String condition) {
    job.setStatus(
        new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
            .withConditions(
                new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
                    .withType(condition)
                    .withStatus("True")
                    .build())
            .build());
    kubernetes.batch().v1().jobs().inNamespace("shop").resource(job).updateStatus();
  }

  @Test
  void shouldRouteFailedPodsTheSourceSeesToTheLogSinkAndAnHttpEndpoint(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    // given the source and the log sink installed from their plugin archives, a rule routing
    // failed Pods to the log sink's files and to an HTTP endpoint, and the source refusing a bad
    // config per key
    ConnectorPlugins.install(
        platform,
        api,
        "railyard-kubernetes-source",
        "dev.railyard.sources.kubernetes.KubernetesSourceConnector");
    ConnectorPlugins.install(
        platform, api, "railyard-log-sink", "dev.railyard.sinks.log.LogSinkConnector");
    Path logs = dataDir.resolve("k8s-failed-pods-files");
    try (Endpoint endpoint = Endpoint.start(200)) {
      RuleFixtures.applyOk(api, failedPodsRule(endpoint, logs));
      ApiClient.Response bad =
          api.put("/api/v1/connectors/k8s-pods-bad", sourceConfig("v1/pod", "Shop"));
      assertThat(bad.status()).as(bad.body()).isEqualTo(400);
      JsonNode errors = bad.json().at("/error/details/errors");
      assertThat(errors.path("kubernetes.kinds").get(0).asText()).contains("is not a kind");
      assertThat(errors.path("kubernetes.namespaces").get(0).asText())
          .contains("is not a namespace name");
      ApiClient.Response created =
          api.put("/api/v1/connectors/k8s-pods-source", sourceConfig("v1/Pod", "shop"));
      assertThat(created.status()).as(created.body()).isIn(200, 201);
      ConnectorsApiIT.awaitState(api, "k8s-pods-source", "RUNNING");
      // the mock's watch sends only what happens once it is open, where an API server sends all
      // since the list's resourceVersion: so the pods change only once the source watches
      awaitWatchOfPods();

      // when one pod runs and another fails
      kubernetes.pods().inNamespace("shop").resource(pod("web")).create();
      kubernetes.pods().inNamespace("shop").resource(pod("batch")).create();
      setPhase("web", "Running");
      setPhase("batch", "Failed");

      // then the endpoint gets the failed pod's update, as Knative's ApiServerSource would send it
      await("the failed pod's event at the endpoint")
          .atMost(Duration.ofSeconds(120))
          .until(() -> !endpoint.delivered().isEmpty());
      JsonNode event = JSON.readTree(endpoint.delivered().get(0));
      assertThat(event.get("type").asText()).isEqualTo("dev.knative.apiserver.resource.update");
      assertThat(event.get("subject").asText()).isEqualTo("/api/v1/namespaces/shop/pods/batch");
      assertThat(event.get("source").asText()).isEqualTo(apiServerUrl());
      assertThat(event.at("/data/status/phase").asText()).isEqualTo("Failed");
      Set<String> subjects =
          endpoint.delivered().stream()
              .map(b -> readTree(b).get("subject").asText())
              .collect(Collectors.toSet());
      assertThat(subjects).containsOnly("/api/v1/namespaces/shop/pods/batch");

      // and the log sink's rolled files hold the same event, under the rule's folder
      await("the failed pod's event in the log sink's files")
          .atMost(Duration.ofSeconds(120))
          .until(() -> !loggedEvents(logs).isEmpty());
      List<JsonNode> logged = loggedEvents(logs);
      assertThat(logged)
          .extracting(e -> e.get("subject").asText())
          .containsOnly("/api/v1/namespaces/shop/pods/batch");
      assertThat(logged.get(0).get("id").asText()).isEqualTo(event.get("id").asText());
      assertThat(logged.get(0).at("/data/status/phase").asText()).isEqualTo("Failed");
    }
  }

  /** The events in the log sink's rolled files (visible, not compressed), one a JSON line. */
  private static List<JsonNode> loggedEvents(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<JsonNode> events = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f :
          walk.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(f -> f.startsWith(dir.resolve("k8s-failed-pods")))
              .sorted()
              .toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            events.add(JSON.readTree(line));
          }
        }
      }
    }
    return events;
  }

  private List<Job> jobs() {
    return kubernetes.batch().v1().jobs().inNamespace("shop").list().getItems();
  }

  private void setPhase(String pod, String phase) {
    Pod current = kubernetes.pods().inNamespace("shop").withName(pod).get();
    current.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase).build());
    kubernetes.pods().inNamespace("shop").resource(current).updateStatus();
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("busybox:1.36")
        .endContainer()
        .endSpec()
        .build();
  }

  private static String sourceConfig(String kinds, String namespaces) {
    return """
        {"connector.class": "dev.railyard.sources.kubernetes.KubernetesSourceConnector",
         "key.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
         "kubernetes.master.url": "%s",
         "bus": "k8s-pods",
         "kubernetes.kinds": "%s",
         "kubernetes.namespaces": "%s"}"""
        .formatted(apiServerUrl(), kinds, namespaces);
  }

  private static String resultsRule(Endpoint endpoint) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: k8s-job-results}
        spec:
          bus: k8s-job-results
          pattern: {type: [{"prefix": "dev.railyard.kubernetes.job."}]}
          targets:
            - name: hook
              config:
                connector.class: dev.railyard.sinks.http.HttpSinkConnector
                http.url: "%s"
        """
        .formatted(endpoint.url());
  }

  private static String jobsRule(String bootstrapServers) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: k8s-orders-jobs}
        spec:
          bus: k8s-orders
          pattern: {type: ["order.paid"]}
          targets:
            - name: fulfil
              config:
                connector.class: dev.railyard.sinks.kubernetes.KubernetesJobSinkConnector
                kubernetes.master.url: "%s"
                kubernetes.namespace: shop
                kubernetes.job.max.active: "5"
                kubernetes.job.ttl.seconds.after.finished: "300"
                kubernetes.job.recheck.ms: "500"
                kubernetes.job.result.topic: railyard.bus.k8s-job-results
                kubernetes.job.result.bootstrap.servers: "%s"
                kubernetes.job.template: |
                  apiVersion: batch/v1
                  kind: Job
                  spec:
                    template:
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: fulfil
                            image: "registry.example.com/fulfil:1.4"
                            args: ["--order", "${data.orderId}"]
        """
        .formatted(apiServerUrl(), bootstrapServers);
  }

  private static String failedPodsRule(Endpoint endpoint, Path logs) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: k8s-failed-pods}
        spec:
          bus: k8s-pods
          pattern:
            type: ["dev.knative.apiserver.resource.update"]
            data: {status: {phase: ["Failed"]}}
          targets:
            - name: oncall
              config:
                connector.class: dev.railyard.sinks.http.HttpSinkConnector
                http.url: "%s"
            - name: archive
              config:
                connector.class: dev.railyard.sinks.log.LogSinkConnector
                value.converter: org.apache.kafka.connect.converters.ByteArrayConverter
                log.directory: "%s"
                log.path: "{rule}"
                log.roll.interval.ms: "1000"
                log.compression: none
        """
        .formatted(endpoint.url(), logs);
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
