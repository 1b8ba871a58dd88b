package dev.railyard.autoscale.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Kubernetes resource whose replica count is the number of Connect workers. Immutable.
 *
 * @param namespace its namespace, a DNS label
 * @param kind what it is
 * @param name its name, a DNS subdomain
 * @throws IllegalArgumentException when the namespace or the name is not one Kubernetes accepts;
 *     the message is the reason alone, to fit in a {@code ConfigException}
 */
public record KubernetesTarget(String namespace, Kind kind, String name) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** The kinds of resource that can hold the workers, each with where the API server keeps it. */
  public enum Kind {
    DEPLOYMENT("apps", "v1", "Deployment", "deployments"),
    STATEFULSET("apps", "v1", "StatefulSet", "statefulsets"),
    /** Strimzi's Kafka Connect cluster: the operator turns its {@code spec.replicas} into pods. */
    KAFKACONNECT("kafka.strimzi.io", "v1beta2", "KafkaConnect", "kafkaconnects");

    private final String group;
    private final String version;
    private final String kindName;
    private final String plural;

    Kind(String group, String version, String kindName, String plural) {
      this.group = group;
      this.version = version;
      this.kindName = kindName;
      this.plural = plural;
    }

    /** The API group, e.g. {@code apps}: what a Role's {@code apiGroups} must name. */
    public String group() {
      return group;
    }

    /** {@code group/version}, as a manifest's {@code apiVersion} says it. */
    public String apiVersion() {
      return group + "/" + version;
    }

    /** The kind as manifests spell it, e.g. {@code StatefulSet}. */
    public String kindName() {
      return kindName;
    }

    /** The resource name, e.g. {@code deployments}: what a Role's {@code resources} must name. */
    public String plural() {
      return plural;
    }

    /**
     * The kind {@code text} names, as kubectl takes it: {@code deployment}, {@code deployments},
     * {@code Deployment}, and so on, case-insensitive.
     *
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static Kind of(String text) {
      String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
      for (Kind kind : values()) {
        if (wanted.equals(kind.kindName.toLowerCase(Locale.ROOT)) || wanted.equals(kind.plural)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a kind the workers can run as; use deployment, statefulset or"
              + " kafkaconnect (Strimzi)");
    }

    ResourceDefinitionContext context() {
      return new ResourceDefinitionContext.Builder()
          .withGroup(group)
          .withVersion(version)
          .withKind(kindName)
          .withPlural(plural)
          .withNamespaced(true)
          .build();
    }
  }

  public KubernetesTarget {
    Objects.requireNonNull(kind, "kind");
    if (namespace == null || !LABEL.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '"
              + namespace
              + "' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most"
              + " 63, starting and ending with a letter or digit)");
    }
    if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          kind.kindName
              + " name '"
              + name
              + "' is not a Kubernetes resource name (lower-case letters, digits, '-' and '.', at"
              + " most 253, starting and ending with a letter or digit)");
    }
  }

  /**
   * Reads {@code kind/name}, as kubectl writes it: {@code deployment/railyard-worker}, {@code
   * statefulset/workers}, {@code kafkaconnect/my-connect}.
   *
   * @param namespace the namespace the resource is in
   * @param kindAndName the kind and name, separated by one {@code /}
   * @throws IllegalArgumentException saying what is wrong and what would be right
   */
  public static KubernetesTarget parse(String namespace, String kindAndName) {
    String text = kindAndName == null ? "" : kindAndName.strip();
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "'"
              + kindAndName
              + "' does not name a resource as kind/name, e.g. deployment/railyard-worker,"
              + " statefulset/railyard-worker or kafkaconnect/my-connect");
    }
    return new KubernetesTarget(
        namespace, Kind.of(text.substring(0, slash)), text.substring(slash + 1));
  }

  /** {@code Deployment railyard/railyard-worker}: how messages name it. */
  @Override
  public String toString() {
    return kind.kindName + " " + namespace + "/" + name;
  }
}
