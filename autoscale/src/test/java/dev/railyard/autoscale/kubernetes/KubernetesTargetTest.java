package dev.railyard.autoscale.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.autoscale.kubernetes.KubernetesTarget.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesTargetTest {

  @ParameterizedTest
  @CsvSource({
    "deployment/railyard-worker, DEPLOYMENT, railyard-worker",
    "Deployments/railyard-worker, DEPLOYMENT, railyard-worker",
    "statefulset/workers, STATEFULSET, workers",
    "StatefulSets/workers.v2, STATEFULSET, workers.v2",
    "kafkaconnect/my-connect, KAFKACONNECT, my-connect",
    "' kafkaconnects/my-connect ', KAFKACONNECT, my-connect"
  })
  void shouldReadKindAndNameAsKubectlWritesThem(String text, Kind kind, String name) {
    KubernetesTarget target = KubernetesTarget.parse("railyard", text);

    assertThat(target).isEqualTo(new KubernetesTarget("railyard", kind, name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "railyard-worker", "deployment/", "/railyard-worker", "a/b/c"})
  void shouldRefuseTextThatIsNotKindSlashName(String text) {
    assertThatThrownBy(() -> KubernetesTarget.parse("railyard", text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + text
                + "' does not name a resource as kind/name, e.g. deployment/railyard-worker,"
                + " statefulset/railyard-worker or kafkaconnect/my-connect");
  }

  @Test
  void shouldNameTheKindsThereAreForAnUnknownOne() {
    assertThatThrownBy(() -> KubernetesTarget.parse("railyard", "daemonset/workers"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'daemonset' is not a kind the workers can run as; use deployment, statefulset or"
                + " kafkaconnect (Strimzi)");
  }

  @Test
  void shouldRefuseNamesKubernetesWouldRefuse() {
    assertThatThrownBy(() -> KubernetesTarget.parse("Railyard", "deployment/w"))
        .hasMessageStartingWith("namespace 'Railyard' is not a Kubernetes namespace name");
    assertThatThrownBy(() -> new KubernetesTarget(null, Kind.DEPLOYMENT, "w"))
        .hasMessageStartingWith("namespace 'null' is not");
    assertThatThrownBy(() -> new KubernetesTarget("a".repeat(64), Kind.DEPLOYMENT, "w"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KubernetesTarget.parse("railyard", "statefulset/Workers_1"))
        .hasMessageStartingWith("StatefulSet name 'Workers_1' is not a Kubernetes resource name");
    assertThatThrownBy(() -> KubernetesTarget.parse("railyard", "deployment/-w"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSayWhereEachKindLives() {
    assertThat(Kind.DEPLOYMENT.apiVersion()).isEqualTo("apps/v1");
    assertThat(Kind.STATEFULSET.plural()).isEqualTo("statefulsets");
    assertThat(Kind.KAFKACONNECT.apiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
    assertThat(Kind.KAFKACONNECT.group()).isEqualTo("kafka.strimzi.io");
    assertThat(KubernetesTarget.parse("ns", "kafkaconnect/c")).hasToString("KafkaConnect ns/c");
  }
}
