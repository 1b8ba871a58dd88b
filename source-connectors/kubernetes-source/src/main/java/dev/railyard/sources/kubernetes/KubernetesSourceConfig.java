package dev.railyard.sources.kubernetes;

import dev.railyard.connectors.support.Destination;
import dev.railyard.connectors.support.kubernetes.KubernetesConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kubernetes source's settings: which API server, which objects, which bus or topic ({@link
 * Destination}). Every key is typed, validated and documented here, so Connect's validate endpoint
 * reports a bad value against its key. Immutable.
 */
public class KubernetesSourceConfig extends AbstractConfig {

  public static final String KINDS_CONFIG = "kubernetes.kinds";
  public static final String KINDS_DOC =
      "The kinds of object to follow, comma-separated, each as [group/]version/Kind[:plural]:"
          + " v1/Pod, batch/v1/Job, apps/v1/Deployment, v1/Event, example.com/v1/Order. Any kind"
          + " the API server serves works, custom resources too; the plural that names the kind"
          + " in the API's paths is derived from the kind (Pod: pods, Ingress: ingresses,"
          + " NetworkPolicy: networkpolicies) unless given after a colon (example.com/v1/Person"
          + ":people).";

  public static final String NAMESPACES_CONFIG = "kubernetes.namespaces";
  public static final String NAMESPACES_DEFAULT = "";
  public static final String NAMESPACES_DOC =
      "The namespaces to follow, comma-separated; empty (the default) for all namespaces, which"
          + " cluster-scoped kinds such as v1/Node need. Each namespace and kind is listed and"
          + " watched on its own.";

  public static final String LABEL_SELECTOR_CONFIG = "kubernetes.label.selector";
  public static final String LABEL_SELECTOR_DEFAULT = "";
  public static final String LABEL_SELECTOR_DOC =
      "Only objects whose labels match this selector, as kubectl -l takes it: app=web,"
          + "tier!=cache,env in (prod,staging),!legacy. Empty (the default) for every object.";

  public static final String CLOUDEVENTS_SOURCE_CONFIG = "kubernetes.cloudevents.source";
  public static final String CLOUDEVENTS_SOURCE_DEFAULT = "";
  public static final String CLOUDEVENTS_SOURCE_DOC =
      "The source attribute of every event, a URI reference; empty (the default) for the API"
          + " server's URL, as Knative's ApiServerSource writes it.";

  public static final String POLL_MAX_RECORDS_CONFIG = "kubernetes.poll.max.records";
  public static final int POLL_MAX_RECORDS_DEFAULT = 500;
  public static final String POLL_MAX_RECORDS_DOC =
      "The most events a task hands to Connect at once, 1 to 100000.";

  public static final String TASK_STREAMS_CONFIG = "kubernetes.task.streams";
  public static final String TASK_STREAMS_DOC =
      "The kind and namespace pairs one task follows. Set by the connector for each of its"
          + " tasks; not to be set by hand.";

  public static final ConfigDef CONFIG_DEF =
      Destination.define(KubernetesConnection.define(new ConfigDef()))
          .define(
              KINDS_CONFIG,
              Type.LIST,
              ConfigDef.NO_DEFAULT_VALUE,
              new KindsValidator(),
              Importance.HIGH,
              KINDS_DOC)
          .define(
              NAMESPACES_CONFIG,
              Type.LIST,
              NAMESPACES_DEFAULT,
              new NamespacesValidator(),
              Importance.HIGH,
              NAMESPACES_DOC)
          .define(
              LABEL_SELECTOR_CONFIG,
              Type.STRING,
              LABEL_SELECTOR_DEFAULT,
              (name, value) -> {
                String problem = LabelSelectors.problem((String) value);
                if (problem != null) {
                  throw new ConfigException(name, value, problem);
                }
              },
              Importance.MEDIUM,
              LABEL_SELECTOR_DOC)
          .define(
              CLOUDEVENTS_SOURCE_CONFIG,
              Type.STRING,
              CLOUDEVENTS_SOURCE_DEFAULT,
              (name, value) -> {
                try {
                  new java.net.URI(((String) value).strip());
                } catch (java.net.URISyntaxException e) {
                  throw new ConfigException(
                      name, value, "must be a URI reference such as https://k8s.example.com");
                }
              },
              Importance.LOW,
              CLOUDEVENTS_SOURCE_DOC)
          .define(
              POLL_MAX_RECORDS_CONFIG,
              Type.INT,
              POLL_MAX_RECORDS_DEFAULT,
              ConfigDef.Range.between(1, 100_000),
              Importance.LOW,
              POLL_MAX_RECORDS_DOC)
          .define(
              TASK_STREAMS_CONFIG,
              Type.LIST,
              "",
              (name, value) -> {},
              Importance.LOW,
              TASK_STREAMS_DOC);

  public KubernetesSourceConfig(Map<String, String> props) {
    super(CONFIG_DEF, props);
    Destination.check(props);
  }

  String topic() {
    return Destination.topic(this);
  }

  List<ResourceKind> kinds() {
    return getList(KINDS_CONFIG).stream().map(ResourceKind::parse).toList();
  }

  /** Every kind in every namespace: what the connector spreads over its tasks. */
  List<Stream> streams() {
    List<String> namespaces = getList(NAMESPACES_CONFIG);
    List<Stream> streams = new ArrayList<>();
    for (ResourceKind kind : kinds()) {
      if (namespaces.isEmpty()) {
        streams.add(new Stream(kind, ""));
      }
      namespaces.forEach(ns -> streams.add(new Stream(kind, ns)));
    }
    return streams;
  }

  /** The streams of this task: those the connector gave it, else all. */
  List<Stream> taskStreams() {
    List<String> given = getList(TASK_STREAMS_CONFIG);
    return given.isEmpty() ? streams() : given.stream().map(Stream::parse).toList();
  }

  String labelSelector() {
    String s = getString(LABEL_SELECTOR_CONFIG).strip();
    return s.isEmpty() ? null : s;
  }

  KubernetesConnection connection() {
    return new KubernetesConnection(this);
  }

  private static final class KindsValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> kinds = (List<String>) value;
      if (kinds == null || kinds.isEmpty()) {
        throw new ConfigException(
            name, value, "must name at least one kind; " + ResourceKind.EXPECTED);
      }
      Set<String> seen = new HashSet<>();
      for (String text : kinds) {
        ResourceKind kind;
        try {
          kind = ResourceKind.parse(text);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, value, e.getMessage());
        }
        if (!seen.add(kind.apiVersion() + "/" + kind.kind())) {
          throw new ConfigException(name, value, "'" + text + "' is named twice");
        }
      }
    }
  }

  private static final class NamespacesValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> namespaces = (List<String>) value;
      Set<String> seen = new HashSet<>();
      for (String ns : namespaces) {
        if (!KubernetesConnection.isDnsLabel(ns)) {
          throw new ConfigException(
              name,
              value,
              "'"
                  + ns
                  + "' is not a namespace name: 1 to 63 lower-case letters, digits or '-',"
                  + " starting and ending with a letter or digit");
        }
        if (!seen.add(ns)) {
          throw new ConfigException(name, value, "'" + ns + "' is named twice");
        }
      }
    }
  }
}
