package dev.railyard.sources.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source against fabric8's mock API server in CRUD mode: adds, updates, deletes. */
@EnableKubernetesMockClient(crud = true)
class KubernetesSourceTaskTest {

  KubernetesMockServer server;
  KubernetesClient client;
  final SourceHarness source = new SourceHarness();

  @AfterEach
  void stop() {
    source.close();
  }

  @Test
  void shouldEmitAddUpdateAndDeleteAsKnativeApiServerSourceDoes() {
    // given a source following the pods of namespace shop, one of them there already
    create("shop", "web-1", "web");
    source.start(SourceHarness.props(client));
    JsonNode added = source.awaitEvents(1).get(0);

    // when the pod changes and is deleted, and a pod of another namespace comes
    create("other", "db-1", "db");
    client.pods().inNamespace("shop").withName("web-1").edit(p -> relabel(p, "web-v2"));
    client.pods().inNamespace("shop").withName("web-1").delete();
    List<JsonNode> events = source.awaitEvents(2);

    // then the add, the update and the delete of that pod came, in Knative's format
    assertThat(added.get("type").asText()).isEqualTo("dev.knative.apiserver.resource.add");
    assertThat(added.get("specversion").asText()).isEqualTo("1.0");
    assertThat(added.get("source").asText())
        .isEqualTo(client.getConfiguration().getMasterUrl().replaceAll("/+$", ""));
    assertThat(added.get("subject").asText()).isEqualTo("/api/v1/namespaces/shop/pods/web-1");
    assertThat(added.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(added.get("kind").asText()).isEqualTo("Pod");
    assertThat(added.get("name").asText()).isEqualTo("web-1");
    assertThat(added.get("namespace").asText()).isEqualTo("shop");
    assertThat(added.at("/data/metadata/labels/app").asText()).isEqualTo("web");
    assertThat(added.at("/data/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    assertThat(events)
        .extracting(e -> e.get("type").asText())
        .containsExactly(
            "dev.knative.apiserver.resource.update", "dev.knative.apiserver.resource.delete");
    assertThat(events.get(0).at("/data/metadata/labels/app").asText()).isEqualTo("web-v2");
    assertThat(events.get(1).at("/data/metadata/name").asText()).isEqualTo("web-1");
    assertThat(source.drain()).as("nothing of namespace other").isEmpty();

    // and each record is keyed by the object's path, with the structured content type
    assertThat(new String((byte[]) source.records().get(0).key()))
        .isEqualTo("/api/v1/namespaces/shop/pods/web-1");
    assertThat(source.records().get(0).headers().lastWithName("content-type").value())
        .isEqualTo("application/cloudevents+json");
    assertThat(source.records().get(0).topic()).isEqualTo("railyard.bus.k8s");
  }

  @Test
  void shouldFollowOnlyObjectsTheLabelSelectorMatches() {
    // given a source of pods labelled app=web
    source.start(SourceHarness.props(client, "kubernetes.label.selector", "app=web"));

    // when a web pod and a db pod come
    create("shop", "db-1", "db");
    create("shop", "web-1", "web");

    // then only the web pod is an event
    assertThat(source.awaitEvents(1))
        .extracting(e -> e.get("name").asText())
        .containsExactly("web-1");
    assertThat(source.drain()).isEmpty();
  }

  @Test
  void shouldFollowEveryNamespaceWhenNoneIsNamed() {
    // given a source of pods in all namespaces
    source.start(SourceHarness.props(client, "kubernetes.namespaces", ""));

    // when pods come in two namespaces
    create("shop", "web-1", "web");
    create("other", "db-1", "db");

    // then both are events
    assertThat(source.awaitEvents(2))
        .extracting(e -> e.get("subject").asText())
        .containsExactlyInAnyOrder(
            "/api/v1/namespaces/shop/pods/web-1", "/api/v1/namespaces/other/pods/db-1");
  }

  Pod create(String namespace, String name, String app) {
    return client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  static Pod relabel(Pod pod, String app) {
    pod.getMetadata().setLabels(Map.of("app", app));
    return pod;
  }
}
