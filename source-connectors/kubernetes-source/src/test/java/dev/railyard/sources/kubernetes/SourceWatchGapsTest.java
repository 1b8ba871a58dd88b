package dev.railyard.sources.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the mock API server does not do by itself, injected: a watch that misses changes and then
 * ends with 410 Gone, and a watch that sends a bookmark. The mock serves everything else from its
 * CRUD store; one expectation, for the one watch request of the test (path and query as fabric8
 * sends them), stands in for the API server's watch cache.
 */
@EnableKubernetesMockClient(crud = true)
class SourceWatchGapsTest {

  KubernetesMockServer server;
  KubernetesClient client;
  final SourceHarness source = new SourceHarness();

  @AfterEach
  void stop() {
    source.close();
  }

  @Test
  void shouldListAndDiffAfter410GoneSendingWhatTheWatchMissedAndNothingElse() {
    // given three pods, and a first watch that delivers nothing and ends with 410 Gone after 2 s
    create("a");
    create("b");
    create("unchanged");
    String listed = client.pods().inNamespace("shop").list().getMetadata().getResourceVersion();
    server
        .expect()
        .get()
        .withPath(watchPath(listed))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(2000)
        .andEmit(
            new WatchEvent(
                new StatusBuilder()
                    .withCode(410)
                    .withReason("Expired")
                    .withMessage("too old resource version: " + listed)
                    .build(),
                "ERROR"))
        .done()
        .once();
    source.start(SourceHarness.props(client));
    source.awaitEvents(3);

    // when pods change while the watch is blind
    client.pods().inNamespace("shop").withName("a").edit(p -> relabel(p, "v2"));
    client.pods().inNamespace("shop").withName("b").delete();
    create("c");

    // then after the 410 the task lists again and sends exactly those three changes
    List<JsonNode> events = source.awaitEvents(3);
    assertThat(events)
        .extracting(e -> e.get("type").asText() + " " + e.get("name").asText())
        .containsExactlyInAnyOrder(
            "dev.knative.apiserver.resource.update a",
            "dev.knative.apiserver.resource.delete b",
            "dev.knative.apiserver.resource.add c");
    assertThat(source.drain()).isEmpty();

    // and it watches (the CRUD store's watch) from the new list on
    create("d");
    assertThat(source.awaitEvents(1).get(0).get("name").asText()).isEqualTo("d");
  }

  @Test
  void shouldAskForBookmarksAndSendNoEventForOne() {
    // given a watch that sends a bookmark, then an added pod
    String listed = client.pods().inNamespace("shop").list().getMetadata().getResourceVersion();
    Pod bookmark =
        new PodBuilder().withNewMetadata().withResourceVersion("77").endMetadata().build();
    server
        .expect()
        .get()
        .withPath(watchPath(listed))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(100)
        .andEmit(new WatchEvent(bookmark, "BOOKMARK"))
        .waitFor(200)
        .andEmit(new WatchEvent(pod("x", "78"), "ADDED"))
        .done()
        .once();

    // when the task watches
    source.start(SourceHarness.props(client));

    // then only the pod is an event; the watch asked for bookmarks, or the expectation (whose
    // query has allowWatchBookmarks=true) would not have answered it
    assertThat(source.awaitEvents(1).get(0).get("name").asText()).isEqualTo("x");
    assertThat(source.drain()).isEmpty();
  }

  static String watchPath(String resourceVersion) {
    return "/api/v1/namespaces/shop/pods?allowWatchBookmarks=true&resourceVersion="
        + resourceVersion
        + "&watch=true";
  }

  void create(String name) {
    client.pods().inNamespace("shop").resource(pod(name, null)).create();
  }

  static Pod pod(String name, String resourceVersion) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .withUid(resourceVersion == null ? null : "uid-" + name)
        .withResourceVersion(resourceVersion)
        .withLabels(Map.of("app", "web"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .build();
  }

  static Pod relabel(Pod pod, String app) {
    pod.getMetadata().setLabels(Map.of("app", app));
    return pod;
  }
}
