package dev.railyard.host.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The manifests of {@code deploy/kubernetes}, parsed by fabric8 as typed Kubernetes objects. */
final class Manifests {

  static final Path ROOT = repositoryRoot().resolve("deploy");
  static final Path KUBERNETES = ROOT.resolve("kubernetes");
  static final String KUSTOMIZATION = "kustomization.yaml";

  private final Map<String, List<HasMetadata>> byFile;

  private Manifests(Map<String, List<HasMetadata>> byFile) {
    this.byFile = byFile;
  }

  /** Every manifest of the folder but the kustomization, by file name. */
  static Manifests load() throws IOException {
    Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
    for (Path file : yamlFiles()) {
      if (!file.getFileName().toString().equals(KUSTOMIZATION)) {
        byFile.put(file.getFileName().toString(), parse(file));
      }
    }
    return new Manifests(byFile);
  }

  static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<HasMetadata> parse(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = Serialization.unmarshal(in);
      List<HasMetadata> objects = new ArrayList<>();
      if (parsed instanceof List<?> list) {
        list.forEach(o -> objects.add((HasMetadata) o));
      } else {
        objects.add((HasMetadata) parsed);
      }
      return objects;
    }
  }

  Map<String, List<HasMetadata>> byFile() {
    return byFile;
  }

  List<HasMetadata> all() {
    return byFile.values().stream().flatMap(List::stream).toList();
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return all().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The one object of that type and name; fails the test naming both when there is none. */
  <T extends HasMetadata> T get(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + type.getSimpleName() + " '" + name + "' in deploy/"));
  }

  Deployment deployment(String name) {
    return get(Deployment.class, name);
  }

  /** A properties file held in a ConfigMap, as a map. */
  Map<String, String> properties(String configMap, String key) {
    String text = get(ConfigMap.class, configMap).getData().get(key);
    if (text == null) {
      throw new AssertionError("ConfigMap '" + configMap + "' has no key '" + key + "'");
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).strip()));
    return map;
  }

  /** The pod template's container of that name. */
  static Container container(Deployment d, String name) {
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no container " + name + " in " + d.getMetadata().getName()));
  }

  /** The container's command and arguments as one line: what its shell runs. */
  static String script(Container c) {
    return String.join(" ", c.getCommand()) + " " + String.join(" ", c.getArgs());
  }

  /** The volume the container mounts at {@code path} or at a folder above it. */
  static Volume volumeAt(Deployment d, Container c, String path) {
    String volume =
        c.getVolumeMounts().stream()
            .filter(m -> Path.of(path).startsWith(Path.of(m.getMountPath())))
            .findFirst()
            .orElseThrow(() -> new AssertionError(c.getName() + " mounts nothing at " + path))
            .getName();
    return d.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(volume))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + volume));
  }

  /** The path of the file {@code name} in the folder of {@code sibling}. */
  static String configFileNamed(String sibling, String name) {
    return Path.of(sibling).resolveSibling(name).toString();
  }

  // surefire runs in the module's folder; the repository is its parent
  private static Path repositoryRoot() {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    return Files.isDirectory(module.resolve("deploy")) ? module : module.getParent();
  }
}
