package dev.railyard.rules.yaml;

import dev.railyard.rules.model.Names;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads the {@code spec.targets} list, reporting every problem it finds. Stateless. */
final class TargetReader {

  private TargetReader() {}

  /** The targets, or null when any has a problem (all reported). */
  static List<Target> readAll(Report report, SequenceNode sequence) {
    int before = report.count();
    List<Target> targets = new ArrayList<>();
    Map<String, Node> names = new HashMap<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      String path = Paths.index("spec.targets", i);
      Node item = sequence.getValue().get(i);
      Optional<Fields> fields = Fields.of(report, item, null, path, Keys.TARGET);
      fields.map(f -> read(report, f, path, names)).ifPresent(targets::add);
    }
    return report.count() == before ? targets : null;
  }

  private static Target read(Report report, Fields target, String path, Map<String, Node> names) {
    int before = report.count();
    Optional<String> name = target.string("name", true);
    name.ifPresent(n -> checkName(report, n, target.value("name"), target.path("name"), names));
    Target.Sink sink = sink(report, target, path);
    RetryPolicy retry = target.has("retry") ? retry(report, target) : RetryPolicy.DEFAULT;
    boolean deadLetter = target.bool("deadLetter", Target.DEFAULT_DEAD_LETTER);
    Target.EventMode mode = mode(report, target);
    if (report.count() != before || name.isEmpty() || sink == null) {
      return null;
    }
    return new Target(name.get(), sink, retry, deadLetter, mode);
  }

  private static Target.EventMode mode(Report report, Fields target) {
    Optional<String> mode = target.string("cloudEvents", false);
    if (mode.isEmpty()) {
      return Target.EventMode.KEEP;
    }
    for (Target.EventMode m : Target.EventMode.values()) {
      if (mode.get().equals(m.yamlName())) {
        return m;
      }
    }
    report.add(
        target.value("cloudEvents"),
        target.path("cloudEvents"),
        "'"
            + mode.get()
            + "' is no mode of the CloudEvents Kafka binding; use 'structured' (the event as"
            + " JSON) or 'binary' (ce_* headers, the data as value), or leave it out to keep the"
            + " mode each event came in");
    return Target.EventMode.KEEP;
  }

  private static void checkName(
      Report report, String name, Node node, String path, Map<String, Node> names) {
    Optional<String> problem = Names.targetNameProblem(name);
    if (problem.isPresent()) {
      report.add(node, path, problem.get());
      return;
    }
    Node first = names.putIfAbsent(name, node);
    if (first != null) {
      report.add(
          node,
          path,
          "duplicate target name '"
              + name
              + "'; first used at "
              + Report.at(first.getStartMark())
              + "; target names are unique within a rule");
    }
  }

  private static Target.Sink sink(Report report, Fields target, String path) {
    boolean connector = target.has("connector");
    boolean config = target.has("config");
    if (connector && config) {
      report.add(
          target.keyNode("config"),
          target.path("config"),
          "'connector' and 'config' exclude each "
              + "other; name an uploaded connector config or write one inline, not both");
      return null;
    }
    if (!connector && !config) {
      target.problem(
          "missing 'connector' (the name of an uploaded sink connector config) or 'config' "
              + "(an inline connector config)");
      return null;
    }
    if (connector) {
      return target.string("connector", true).map(n -> connector(report, n, target)).orElse(null);
    }
    return inline(report, target.value("config"), target.keyNode("config"), target.path("config"));
  }

  private static Target.Sink connector(Report report, String name, Fields target) {
    Optional<String> problem = Target.Connector.connectorNameProblem(name);
    if (problem.isPresent()) {
      report.add(target.value("connector"), target.path("connector"), problem.get());
      return null;
    }
    return new Target.Connector(name);
  }

  private static Target.Sink inline(Report report, Node node, Node owner, String path) {
    Optional<Fields> fields = Fields.of(report, node, owner, path, null);
    if (fields.isEmpty()) {
      return null;
    }
    int before = report.count();
    Map<String, String> config = new LinkedHashMap<>();
    for (String key : fields.get().keys()) {
      Node value = fields.get().value(key);
      if (Target.Inline.RESERVED.contains(key)) {
        report.add(
            fields.get().keyNode(key),
            fields.get().path(key),
            "'" + key + "' is set by Railyard for every target connector; remove it");
      } else if (Values.isString(value) || Values.isNumber(value) || Values.isBoolean(value)) {
        config.put(key, Values.text(value));
      } else {
        report.add(
            value, fields.get().path(key), Values.expected("a string, number or boolean", value));
      }
    }
    if (!fields.get().has(Target.Inline.CONNECTOR_CLASS)) {
      fields.get().require(Target.Inline.CONNECTOR_CLASS);
    }
    return report.count() == before ? new Target.Inline(config) : null;
  }

  private static RetryPolicy retry(Report report, Fields target) {
    Optional<Fields> retry =
        Fields.of(
            report,
            target.value("retry"),
            target.keyNode("retry"),
            target.path("retry"),
            Keys.RETRY);
    if (retry.isEmpty()) {
      return RetryPolicy.DEFAULT;
    }
    int attempts =
        retry
            .get()
            .integer(
                "maxAttempts",
                RetryPolicy.MAX_ATTEMPTS,
                RetryPolicy.MIN_ATTEMPTS,
                RetryPolicy.MAX_ATTEMPTS);
    int age =
        retry
            .get()
            .integer(
                "maxAgeSeconds",
                RetryPolicy.MAX_AGE_SECONDS,
                RetryPolicy.MIN_AGE_SECONDS,
                RetryPolicy.MAX_AGE_SECONDS);
    int initial =
        retry
            .get()
            .integer(
                "initialBackoffMs",
                RetryPolicy.DEFAULT_INITIAL_BACKOFF_MS,
                RetryPolicy.MIN_BACKOFF_MS,
                RetryPolicy.MAX_BACKOFF_MS);
    int max =
        retry
            .get()
            .integer(
                "maxBackoffMs",
                Math.max(initial, RetryPolicy.DEFAULT_MAX_BACKOFF_MS),
                RetryPolicy.MIN_BACKOFF_MS,
                RetryPolicy.MAX_BACKOFF_MS);
    if (max < initial) {
      report.add(
          retry.get().value("maxBackoffMs"),
          retry.get().path("maxBackoffMs"),
          "maxBackoffMs must be at least initialBackoffMs (" + initial + "), found " + max);
      max = initial;
    }
    boolean inOrder = retry.get().bool("inOrder", true);
    return new RetryPolicy(attempts, age, initial, max, inOrder);
  }
}
