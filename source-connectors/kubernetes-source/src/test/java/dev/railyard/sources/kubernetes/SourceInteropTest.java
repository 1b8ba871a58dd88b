package dev.railyard.sources.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source with clients it did not write: custom resources through fabric8's generic resources,
 * its events read by the CloudEvents SDK, and kubectl changing objects while the source watches.
 */
@EnableKubernetesMockClient(crud = true)
class SourceInteropTest {

  KubernetesMockServer server;
  KubernetesClient client;
  final SourceHarness source = new SourceHarness();

  @AfterEach
  void stop() {
    source.close();
  }

  @Test
  void shouldFollowACustomResourceAndWriteEventsTheCloudEventsSdkReads() {
    // given a source of example.com/v1 Orders
    source.start(SourceHarness.props(client, "kubernetes.kinds", "example.com/v1/Order"));

    // when an order is created
    GenericKubernetesResource order =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("example.com/v1")
            .withKind("Order")
            .withNewMetadata()
            .withName("o-1")
            .withNamespace("shop")
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("amount", 120, "currency", "EUR"))
            .build();
    client
        .genericKubernetesResources(ResourceKind.parse("example.com/v1/Order").context())
        .inNamespace("shop")
        .resource(order)
        .create();
    source.awaitEvents(1);

    // then the CloudEvents SDK reads its record's value as a valid event of that order
    byte[] value = (byte[]) source.records().get(0).value();
    CloudEvent event =
        EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(value);
    assertThat(event.getType()).isEqualTo("dev.knative.apiserver.resource.add");
    assertThat(event.getSubject()).isEqualTo("/apis/example.com/v1/namespaces/shop/orders/o-1");
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getExtension("kind")).isEqualTo("Order");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .contains("\"amount\":120");
  }

  @Test
  void shouldSeeWhatKubectlAppliesAndDeletes(@TempDir Path dir)
      throws IOException, InterruptedException {
    // given a source watching, and kubectl configured for the same API server, whose discovery
    // documents (which the CRUD mock does not serve) say where pods are
    serveDiscovery();
    source.start(SourceHarness.props(client));
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: test, user: {token: test}}]
        contexts: [{name: mock, context: {cluster: mock, user: test, namespace: shop}}]
        current-context: mock
        """
            .formatted(client.getConfiguration().getMasterUrl()));
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: from-kubectl, namespace: shop, labels: {app: web}}
        spec: {containers: [{name: main, image: "nginx:1.27"}]}
        """);

    // when kubectl creates the pod and deletes it
    // the mock serves no OpenAPI document for kubectl to validate against
    kubectl(kubeconfig, "create", "--validate=false", "-f", pod.toString());
    kubectl(kubeconfig, "delete", "pod", "from-kubectl", "--wait=false");

    // then the source sent its add and its delete
    List<JsonNode> events = source.awaitEvents(2);
    assertThat(events)
        .extracting(e -> e.get("type").asText() + " " + e.get("name").asText())
        .containsExactly(
            "dev.knative.apiserver.resource.add from-kubectl",
            "dev.knative.apiserver.resource.delete from-kubectl");
  }

  /**
   * Legacy discovery, as kubectl (1.32) reads it before it can map kind Pod to a path: the paths
   * with the query kubectl sends, as the mock matches expectations on the whole request line.
   */
  void serveDiscovery() {
    server
        .expect()
        .get()
        .withPath("/api?timeout=32s")
        .andReturn(200, Map.of("kind", "APIVersions", "versions", List.of("v1")))
        .always();
    server
        .expect()
        .get()
        .withPath("/apis?timeout=32s")
        .andReturn(200, Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", List.of()))
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1?timeout=32s")
        .andReturn(
            200,
            Map.of(
                "kind",
                "APIResourceList",
                "groupVersion",
                "v1",
                "resources",
                List.of(
                    Map.of(
                        "name",
                        "pods",
                        "singularName",
                        "pod",
                        "namespaced",
                        true,
                        "kind",
                        "Pod",
                        "verbs",
                        List.of("create", "delete", "get", "list", "patch", "update", "watch")))))
        .always();
  }

  static void kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("/usr/bin/kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl ended").isTrue();
    assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), output).isZero();
  }
}
