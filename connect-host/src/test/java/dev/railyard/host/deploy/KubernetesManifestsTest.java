package dev.railyard.host.deploy;

import static dev.railyard.host.deploy.Manifests.configFileNamed;
import static dev.railyard.host.deploy.Manifests.container;
import static dev.railyard.host.deploy.Manifests.script;
import static dev.railyard.host.deploy.Manifests.volumeAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.railyard.autoscale.kubernetes.KubernetesTarget;
import dev.railyard.autoscale.kubernetes.KubernetesTarget.Kind;
import dev.railyard.autoscale.kubernetes.KubernetesWorkerActuator;
import dev.railyard.embedded.worker.WorkerClasspath;
import dev.railyard.embedded.worker.WorkerSettings;
import dev.railyard.host.Main;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.worker.WorkerMain;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads {@code deploy/kubernetes} as fabric8 parses it and checks what a cluster cannot be asked
 * here: that the objects fit each other (selectors, volumes, the service account's Role) and fit
 * the code (the actuator's calls, the plugin archive route, the workers' settings, the image's
 * paths).
 */
class KubernetesManifestsTest {

  /** Settings the control plane's ConfigMap uses that RailyardConfig does not define yet. */
  static final Set<String> PENDING_SETTINGS = Set.of();

  static final String TARGET_SETTING = "autoscale.kubernetes.target";

  /** The route the workers' init container fetches its plugins from. */
  static final String ARCHIVE = "/api/v1/plugins:archive";

  static Manifests manifests;
  static Deployment controlPlane;
  static Deployment workers;

  @BeforeAll
  static void load() throws IOException {
    manifests = Manifests.load();
    controlPlane = manifests.deployment("railyard");
    workers = manifests.deployment("railyard-worker");
  }

  @Test
  void shouldListEveryManifestInTheKustomization() throws IOException {
    JsonNode kustomization =
        new ObjectMapper(new YAMLFactory())
            .readTree(Manifests.KUBERNETES.resolve(Manifests.KUSTOMIZATION).toFile());

    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));

    assertThat(listed).isEqualTo(manifests.byFile().keySet());
    assertThat(kustomization.has("namespace")).as("a namespace in the kustomization").isFalse();
  }

  @Test
  void shouldHoldEveryObjectTheDeploymentNeedsInNoNamespaceOfItsOwn() {
    assertThat(manifests.all())
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "ServiceAccount/railyard",
            "Role/railyard-autoscaler",
            "RoleBinding/railyard-autoscaler",
            "ConfigMap/railyard",
            "ConfigMap/railyard-worker",
            "PersistentVolumeClaim/railyard-data",
            "Deployment/railyard",
            "Service/railyard",
            "Deployment/railyard-worker",
            "Service/railyard-worker");
    assertThat(manifests.all())
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
  }

  @Test
  void shouldAllowTheControlPlaneEveryCallTheActuatorMakesOnEveryKind() {
    // given the Role bound to the control plane's service account
    String account = controlPlane.getSpec().getTemplate().getSpec().getServiceAccountName();
    manifests.get(ServiceAccount.class, account);
    List<PolicyRule> rules =
        manifests.all(RoleBinding.class).stream()
            .filter(
                b ->
                    b.getSubjects().stream()
                        .anyMatch(
                            s ->
                                s.getKind().equals("ServiceAccount")
                                    && s.getName().equals(account)
                                    && s.getNamespace() == null))
            .filter(b -> b.getRoleRef().getKind().equals("Role"))
            .flatMap(b -> manifests.get(Role.class, b.getRoleRef().getName()).getRules().stream())
            .toList();

    // then each kind the actuator scales may be read and patched
    for (Kind kind : Kind.values()) {
      for (String verb : KubernetesWorkerActuator.VERBS) {
        assertThat(rules)
            .as("%s %s.%s by service account %s", verb, kind.plural(), kind.group(), account)
            .anySatisfy(
                rule -> {
                  assertThat(rule.getApiGroups()).contains(kind.group());
                  assertThat(rule.getResources()).contains(kind.plural());
                  assertThat(rule.getVerbs()).contains(verb);
                });
      }
    }
    assertThat(workers.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
        .as("workers need no API token")
        .isFalse();
  }

  @Test
  void shouldSelectEachDeploymentsPodsAndOnlyThose() {
    List<Deployment> deployments = manifests.all(Deployment.class);
    for (Deployment d : deployments) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .as("pod labels of %s", d.getMetadata().getName())
          .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    }
    for (Service service : manifests.all(Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      List<Deployment> selected =
          deployments.stream()
              .filter(
                  d ->
                      d.getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getLabels()
                          .entrySet()
                          .containsAll(selector.entrySet()))
              .toList();
      assertThat(selected)
          .as("Deployments Service %s selects", service.getMetadata().getName())
          .hasSize(1);
      Set<String> ports = new TreeSet<>();
      selected.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
          .flatMap(c -> c.getPorts().stream())
          .forEach(p -> ports.add(p.getName()));
      service
          .getSpec()
          .getPorts()
          .forEach(p -> assertThat(ports).contains(p.getTargetPort().getStrVal()));
    }
    assertThat(manifests.get(Service.class, "railyard").getSpec().getSelector())
        .isEqualTo(controlPlane.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void shouldPointTheControlPlaneAtTheWorkerDeploymentAndTheCluster() {
    Map<String, String> settings = manifests.properties("railyard", "railyard.properties");
    Map<String, String> worker = manifests.properties("railyard-worker", "worker.properties");

    KubernetesTarget target = KubernetesTarget.parse("any", settings.get(TARGET_SETTING));
    assertThat(target.kind()).isEqualTo(Kind.DEPLOYMENT);
    assertThat(target.name()).isEqualTo(workers.getMetadata().getName());
    assertThat(settings).containsEntry(RailyardConfig.WORKERS_CONFIG, "0");
    assertThat(settings.get(RailyardConfig.BOOTSTRAP_SERVERS_CONFIG))
        .isNotBlank()
        .isEqualTo(worker.get("bootstrap.servers"));
    assertThat(worker.get("group.id"))
        .isEqualTo(
            settings.getOrDefault(
                RailyardConfig.CONNECT_GROUP_CONFIG, RailyardConfig.CONNECT_GROUP_DEFAULT));

    // every other setting is one RailyardConfig takes (the pending ones, once defined, too)
    Map<String, String> known = new HashMap<>(settings);
    known
        .keySet()
        .removeIf(
            k -> PENDING_SETTINGS.contains(k) && !RailyardConfig.CONFIG_DEF.names().contains(k));
    RailyardConfig config = new RailyardConfig(known, "deploy/kubernetes/config.yaml");

    // and the files it names are where the pod mounts them
    Container railyard = container(controlPlane, "railyard");
    assertThat(railyard.getArgs()).containsSubsequence("up", "--config");
    String configFile = railyard.getArgs().get(railyard.getArgs().indexOf("--config") + 1);
    assertMountedFromConfigMap(controlPlane, railyard, configFile, "railyard");
    assertThat(railyard.getCommand())
        .contains("-Dlog4j2.configurationFile=" + configFileNamed(configFile, "log4j2.xml"));
    Volume data =
        volumeAt(controlPlane, railyard, config.getString(RailyardConfig.DATA_DIR_CONFIG));
    manifests.get(PersistentVolumeClaim.class, data.getPersistentVolumeClaim().getClaimName());
  }

  @Test
  void shouldStartEachWorkerWithThePluginsOfTheControlPlane() throws IOException {
    // given the control plane's Service and the documented archive route
    Service api = manifests.get(Service.class, "railyard");
    String url =
        "http://"
            + api.getMetadata().getName()
            + ":"
            + api.getSpec().getPorts().get(0).getPort()
            + ARCHIVE;
    assertThat(openApi().path("paths").path(ARCHIVE).has("get"))
        .as(ARCHIVE + " in openapi.json")
        .isTrue();

    // then the init container fetches it into the emptyDir the worker takes as plugin.path
    PodSpec pod = workers.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).hasSize(1);
    Container fetch = pod.getInitContainers().get(0);
    String script = script(fetch);
    assertThat(script).contains(url);
    String pluginsDir = fetch.getVolumeMounts().get(0).getMountPath();
    assertThat(script).contains("tar -xzf").contains("-C " + pluginsDir);
    Volume plugins = volumeAt(workers, fetch, pluginsDir);
    assertThat(plugins.getEmptyDir()).as("the plugins volume is an emptyDir").isNotNull();
    Container worker = container(workers, "worker");
    Map<String, String> properties = manifests.properties("railyard-worker", "worker.properties");
    assertThat(volumeAt(workers, worker, properties.get("plugin.path"))).isEqualTo(plugins);
  }

  @Test
  void shouldGiveTheWorkersTheSettingsTheControlPlaneGivesItsOwn() {
    Map<String, String> actual = manifests.properties("railyard-worker", "worker.properties");
    Map<String, String> expected =
        new HashMap<>(
            new WorkerSettings(
                    actual.get("bootstrap.servers"),
                    actual.get("group.id"),
                    Path.of(actual.get("plugin.path")),
                    RailyardConfig.WORKERS_REBALANCE_DELAY_DEFAULT,
                    Map.of(),
                    Map.of(),
                    // the pods' mounted secrets, and the control plane's default env pattern
                    Path.of("/etc/railyard-secrets"),
                    dev.railyard.embedded.worker.WorkerEnvironment.DEFAULT_SECRETS_PATTERN)
                .toProperties());
    // a pod listens on its own address and is reached at its IP, which the container adds
    expected.put("listeners", "http://0.0.0.0:8083");
    expected.remove("rest.advertised.host.name");

    assertThat(actual).isEqualTo(expected);
    Container worker = container(workers, "worker");
    assertThat(worker.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8083));
    assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    String script = script(worker);
    assertThat(script)
        .contains("rest.advertised.host.name=${POD_IP}")
        .contains(WorkerMain.class.getName());
    String properties = script.substring(script.indexOf("cp ") + 3).split("\\s+")[0];
    assertMountedFromConfigMap(workers, worker, properties, "railyard-worker");
    assertThat(script)
        .contains("-Dlog4j2.configurationFile=" + configFileNamed(properties, "log4j2.xml"));
  }

  @Test
  void shouldRunWhatTheImageHoldsWhereItHoldsIt() throws IOException {
    String dockerfile = Files.readString(Manifests.ROOT.resolve("Dockerfile"));
    String home = "/opt/railyard/";

    assertThat(dockerfile)
        .contains("COPY connect-host/target/railyard.jar " + home + "railyard.jar")
        .contains("COPY connect-host/target/lib/ " + home + "lib/")
        .contains(
            "COPY connect-host/target/worker/lib/ "
                + home
                + WorkerClasspath.DISTRIBUTION_DIR
                + "/");
    assertThat(container(controlPlane, "railyard").getCommand())
        .containsSubsequence("-cp", home + "railyard.jar", Main.class.getName());
    assertThat(script(container(workers, "worker")))
        .contains(
            "-cp '"
                + home
                + WorkerClasspath.DISTRIBUTION_DIR
                + "/*' "
                + WorkerMain.class.getName());
    Set<String> images = new TreeSet<>();
    for (Deployment d : manifests.all(Deployment.class)) {
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      pod.getContainers().forEach(c -> images.add(c.getImage()));
      pod.getInitContainers().forEach(c -> images.add(c.getImage()));
    }
    assertThat(images).as("one image for every container").hasSize(1);
  }

  static JsonNode openApi() throws IOException {
    try (InputStream in =
        KubernetesManifestsTest.class.getResourceAsStream("/dev/railyard/api/openapi.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** That {@code file} is a key of the ConfigMap mounted as its folder. */
  static void assertMountedFromConfigMap(Deployment d, Container c, String file, String configMap) {
    Volume volume = volumeAt(d, c, file);
    assertThat(volume.getConfigMap().getName()).isEqualTo(configMap);
    assertThat(manifests.get(ConfigMap.class, configMap).getData())
        .containsKey(Path.of(file).getFileName().toString());
  }
}
