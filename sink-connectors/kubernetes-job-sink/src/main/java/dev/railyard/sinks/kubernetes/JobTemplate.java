package dev.railyard.sinks.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Job manifest (YAML or JSON) whose string values may hold placeholders filled from each event:
 * {@code ${id}}, {@code ${type}}, {@code ${source}}, {@code ${subject}}, {@code ${time}} and {@code
 * ${data.<path>}} (a dot path into the event's data; an object or array is put in as JSON).
 * Placeholders are filled in the parsed manifest, value by value, so an event cannot add keys or
 * change the structure. Immutable and thread-safe.
 */
final class JobTemplate {

  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
  static final Set<String> ATTRIBUTES = Set.of("id", "type", "source", "subject", "time");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private final JsonNode manifest;

  private JobTemplate(JsonNode manifest) {
    this.manifest = manifest;
  }

  /**
   * Reads a template and checks it makes a Job.
   *
   * @throws IllegalArgumentException saying what is wrong with it and what would do
   */
  static JobTemplate parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "must be a Job manifest in YAML or JSON (apiVersion: batch/v1, kind: Job, spec with a"
              + " pod template)");
    }
    JsonNode manifest;
    try {
      manifest = JSON.valueToTree(KUBERNETES.unmarshal(text, GenericKubernetesResource.class));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "is not YAML or JSON of a Kubernetes object: " + firstLine(e.getMessage()));
    }
    JobTemplate template = new JobTemplate(manifest);
    template.check();
    return template;
  }

  private void check() {
    if (!"batch/v1".equals(manifest.path("apiVersion").asText())
        || !"Job".equals(manifest.path("kind").asText())) {
      throw new IllegalArgumentException("must be of apiVersion batch/v1 and kind Job");
    }
    fill(
        manifest,
        name -> {
          String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
          if (!ATTRIBUTES.contains(name) && !(root.equals("data"))) {
            throw new IllegalArgumentException(
                "${"
                    + name
                    + "} is not a placeholder: use ${id}, ${type}, ${source}, ${subject}, ${time}"
                    + " or ${data.<path>}");
          }
          return "x";
        });
    Job job = toJob(fill(manifest, name -> "x"));
    var pod =
        job.getSpec() == null || job.getSpec().getTemplate() == null
            ? null
            : job.getSpec().getTemplate().getSpec();
    if (pod == null || pod.getContainers() == null || pod.getContainers().isEmpty()) {
      throw new IllegalArgumentException(
          "must have spec.template.spec.containers with at least one container");
    }
    String restart = pod.getRestartPolicy();
    if (!"Never".equals(restart) && !"OnFailure".equals(restart)) {
      throw new IllegalArgumentException(
          "spec.template.spec.restartPolicy must be Never or OnFailure, as a Job's pods need");
    }
  }

  /**
   * The Job for one event.
   *
   * @param values the value of each placeholder's name; throws for one the event lacks
   */
  Job jobFor(Function<String, String> values) {
    return toJob(fill(manifest, values));
  }

  private static Job toJob(JsonNode filled) {
    try {
      return KUBERNETES.unmarshal(JSON.writeValueAsString(filled), Job.class);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "does not make a Job (a placeholder may stand only in a string value): "
              + firstLine(e.getMessage()));
    }
  }

  /** A copy of {@code node} with every placeholder in its strings replaced. */
  static JsonNode fill(JsonNode node, Function<String, String> values) {
    if (node.isTextual()) {
      Matcher m = PLACEHOLDER.matcher(node.asText());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(values.apply(m.group(1))));
      }
      m.appendTail(out);
      return new TextNode(out.toString());
    }
    if (node.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        copy.set(e.getKey(), fill(e.getValue(), values));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      node.forEach(n -> copy.add(fill(n, values)));
      return copy;
    }
    return node;
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
