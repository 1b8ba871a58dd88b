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

/**
 * A task stopped (or lost with its worker) and a new one started from the offsets committed: what
 * changed meanwhile comes once, what did not change does not come again.
 */
@EnableKubernetesMockClient(crud = true)
class SourceResumeTest {

  KubernetesMockServer server;
  KubernetesClient client;
  final SourceHarness source = new SourceHarness();

  @AfterEach
  void stop() {
    source.close();
  }

  @Test
  void shouldSendWhatChangedWhileStoppedAndNothingElse() {
    // given a task that saw three pods, its offsets committed, then stopped
    create("a");
    create("b");
    create("c");
    source.start(SourceHarness.props(client));
    source.awaitEvents(3);
    source.commit();
    source.stop();

    // when, while no task runs, a pod changes, one is deleted, one comes, one stays as it was
    client.pods().inNamespace("shop").withName("a").edit(p -> relabel(p, "v2"));
    client.pods().inNamespace("shop").withName("b").delete();
    create("d");
    source.start(SourceHarness.props(client));

    // then the new task sends the update, the delete and the add, and nothing of pod c
    List<JsonNode> events = source.awaitEvents(3);
    assertThat(events)
        .extracting(e -> e.get("type").asText() + " " + e.get("name").asText())
        .containsExactlyInAnyOrder(
            "dev.knative.apiserver.resource.update a",
            "dev.knative.apiserver.resource.delete b",
            "dev.knative.apiserver.resource.add d");
    assertThat(source.drain()).isEmpty();
    JsonNode delete =
        events.stream().filter(e -> e.get("name").asText().equals("b")).findFirst().orElseThrow();
    assertThat(delete.get("subject").asText()).isEqualTo("/api/v1/namespaces/shop/pods/b");
    assertThat(delete.at("/data/metadata/uid").asText()).isNotEmpty();

    // and it follows the watch from there
    create("e");
    assertThat(source.awaitEvents(1).get(0).get("name").asText()).isEqualTo("e");
  }

  @Test
  void shouldSendAgainWithTheSameIdsWhatAWorkerKilledBeforeItsCommitHadSent() {
    // given a task that saw two pods and committed, then saw a third and a change, uncommitted
    create("a");
    create("b");
    source.start(SourceHarness.props(client));
    source.awaitEvents(2);
    source.commit();
    create("c");
    client.pods().inNamespace("shop").withName("a").edit(p -> relabel(p, "v2"));
    List<JsonNode> lost = source.awaitEvents(2);

    // when its worker dies before the commit and a new task starts from the committed offsets
    source.stop();
    source.start(SourceHarness.props(client));

    // then the two events come again, with the ids they had, and nothing else
    List<JsonNode> again = source.awaitEvents(2);
    assertThat(again)
        .extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(lost.stream().map(e -> e.get("id").asText()).toList());
    assertThat(source.drain()).isEmpty();
  }

  @Test
  void shouldGiveEveryChangeOfAnObjectAnIdOfItsOwn() {
    // given a task following a pod that changes twice and is deleted
    source.start(SourceHarness.props(client));
    create("a");
    client.pods().inNamespace("shop").withName("a").edit(p -> relabel(p, "v2"));
    client.pods().inNamespace("shop").withName("a").edit(p -> relabel(p, "v3"));
    client.pods().inNamespace("shop").withName("a").delete();

    // then the four events have four ids, each the digest of uid, resourceVersion and verb
    List<JsonNode> events = source.awaitEvents(4);
    assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
    JsonNode first = events.get(0);
    assertThat(first.get("id").asText())
        .isEqualTo(
            ObjectEvents.id(
                first.at("/data/metadata/uid").asText(),
                first.at("/data/metadata/resourceVersion").asText(),
                ObjectEvents.Verb.ADD));
  }

  @Test
  void shouldKeepOffsetsSmallAndValidForConnect() {
    // given 50 pods seen and committed
    for (int i = 0; i < 50; i++) {
      create("p" + i);
    }
    source.start(SourceHarness.props(client));
    source.awaitEvents(50);

    // when Connect commits (FakeOffsets refuses what Connect would)
    source.commit();

    // then the offsets are at most the 32 buckets' maps, about 70 bytes an object
    assertThat(source.records().stream().map(r -> r.sourcePartition()).distinct().count())
        .isLessThanOrEqualTo(SeenObjects.BUCKETS);
    assertThat(source.offsets.size()).isLessThan(50 * 100);
  }

  void create(String name) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withLabels(Map.of("app", "web"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("main")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace("shop").resource(pod).create();
  }

  static Pod relabel(Pod pod, String app) {
    pod.getMetadata().setLabels(Map.of("app", app));
    return pod;
  }
}
