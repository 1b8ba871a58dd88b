package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Brings topics and connectors in line with the rules: the delivery and dead-letter topics of every
 * target, one router per bus that has rules, one sink connector per target. Every step is
 * idempotent, and a connector whose config is already right is left alone, so its tasks keep
 * running. Blocking; called on one thread at a time.
 */
final class RuleReconciler {

  private static final long TIMEOUT_S = 60;
  private static final int CREATE_BATCH = 100;

  private final Admin admin;
  private final ConnectRest connect;
  private final Map<String, String> pluginSettings;
  private final int partitions;
  private final Function<String, OptionalInt> scaledTasks;
  private final ConfigGuard guard;
  private final TopicSettings topics;

  RuleReconciler(
      Admin admin, ConnectRest connect, Map<String, String> pluginSettings, int partitions) {
    this(
        admin,
        connect,
        pluginSettings,
        partitions,
        name -> OptionalInt.empty(),
        ConfigGuard.unrestricted());
  }

  /**
   * @param pluginSettings the entries that tell the router and guard connectors their cluster and
   *     its client settings ({@code KafkaClients.pluginSettings()})
   * @param scaledTasks the {@code tasks.max} the autoscaler gave a connector, kept over the count
   *     the rule would give it, so applying rules does not undo a scaling step
   * @param guard what a target's config may reach; a relative FileStream file is taken relative to
   *     its files folder
   */
  RuleReconciler(
      Admin admin,
      ConnectRest connect,
      Map<String, String> pluginSettings,
      int partitions,
      Function<String, OptionalInt> scaledTasks,
      ConfigGuard guard) {
    this(
        admin,
        connect,
        pluginSettings,
        partitions,
        scaledTasks,
        guard,
        TopicSettings.BROKER_DEFAULTS);
  }

  /** As above; {@code topics} says how the topics of rules are replicated. */
  RuleReconciler(
      Admin admin,
      ConnectRest connect,
      Map<String, String> pluginSettings,
      int partitions,
      Function<String, OptionalInt> scaledTasks,
      ConfigGuard guard,
      TopicSettings topics) {
    this.topics = topics;
    this.guard = guard;
    this.admin = admin;
    this.connect = connect;
    this.pluginSettings = Map.copyOf(pluginSettings);
    this.partitions = partitions;
    this.scaledTasks = scaledTasks;
  }

  /** The templates of the rules' connector targets; a missing one is a problem of the file. */
  Map<String, Map<String, String>> templates(List<Rule> rules, List<String> problems) {
    Map<String, Map<String, String>> templates = new LinkedHashMap<>();
    for (Rule rule : rules) {
      for (Target t : rule.targets()) {
        if (t.sink() instanceof Target.Connector c && !templates.containsKey(c.name())) {
          ConnectRest.Answer answer =
              call("GET", "/connectors/" + encode(c.name()) + "/config", null);
          if (answer.status() == 404) {
            problems.add(
                "rule "
                    + rule.name()
                    + ", target "
                    + t.name()
                    + ": connector '"
                    + c.name()
                    + "' does not exist; create it first with PUT /api/v1/connectors/"
                    + c.name()
                    + " (initial_state STOPPED keeps the template itself idle)");
          } else {
            templates.put(c.name(), strings(answer.orThrow().body()));
          }
        }
      }
    }
    return templates;
  }

  /**
   * Checks each target's connector config, as it would be created, with Connect's own validation
   * (the hosted sink's ConfigDef and validators, run through the delivery guard); each refusal is a
   * problem of the file, so a rule whose target could never start is not stored.
   */
  void validateTargets(
      List<Rule> rules, Map<String, Map<String, String>> templates, List<String> problems) {
    new TargetValidation(connect, guard, pluginSettings).check(rules, templates, problems);
  }

  /** The buses whose topics exist. */
  Set<String> existingBuses() throws Exception {
    Set<String> buses = new HashSet<>();
    for (String topic : admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)) {
      if (Topology.isBusTopic(topic)) {
        buses.add(Topology.busOfTopic(topic));
      }
    }
    return buses;
  }

  /** The topics a rule needs: its bus's, and each target's delivery, dead-letter and retry. */
  static Set<String> topicsOf(Rule rule) {
    Set<String> names = new LinkedHashSet<>();
    names.add(Topology.busTopic(rule.bus()));
    names.add(Topology.busDeadLetterTopic(rule.bus()));
    for (Target t : rule.targets()) {
      names.add(Topology.deliveryTopic(rule.name(), t.name()));
      names.add(Topology.deadLetterTopic(rule.name(), t.name()));
      if (!t.retry().inOrder()) {
        names.add(Topology.retryTopic(rule.name(), t.name()));
      }
    }
    return names;
  }

  /**
   * Creates the bus, delivery, dead-letter and retry topics the rules need: dead-letter topics with
   * one partition, the others with the buses' partitions.
   *
   * @return the topics it created
   */
  List<String> ensureTopics(List<Rule> rules) throws Exception {
    Set<String> names = new LinkedHashSet<>();
    rules.forEach(r -> names.addAll(topicsOf(r)));
    names.removeAll(admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS));
    if (names.isEmpty()) {
      return List.of();
    }
    List<NewTopic> topics = new ArrayList<>();
    // dead letters need no parallelism, and a partition each saves the broker a third of the
    // partitions of a target (1,000 rules: 3,000 of 10,000 at 3 partitions a bus)
    names.forEach(
        n -> topics.add(this.topics.newTopic(n, Topology.isDeadLetterTopic(n) ? 1 : partitions)));
    // thousands of topics in one request are one long controller event, during which the broker's
    // heartbeats and every client's requests wait; batches let them through in between
    for (int from = 0; from < topics.size(); from += CREATE_BATCH) {
      try {
        admin
            .createTopics(topics.subList(from, Math.min(topics.size(), from + CREATE_BATCH)))
            .all()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return List.copyOf(names);
  }

  /** Deletes {@code topics}, those already gone included. */
  void deleteTopics(List<String> topics) throws Exception {
    if (!topics.isEmpty()) {
      try {
        admin.deleteTopics(topics).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
  }

  /**
   * Makes the connectors match {@code rules}: one read of every connector's config, then a write
   * only where one differs. Each bus with rules has its router and each awake target its connector
   * ({@link TargetSleep}); a router of a bus without rules, a sleeping target's connector and one
   * of a target or rule no longer in force are removed, whatever change left them.
   *
   * @param templates the templates of connector targets; one missing leaves its target as it is
   * @param awake whether a target's connector should run
   * @return the connectors created or changed, and those removed
   */
  Changed connectors(
      Map<String, Rule> rules,
      Map<String, Map<String, String>> templates,
      Predicate<String> awake) {
    Map<String, Map<String, String>> existing = existingConfigs();
    Changed changed = new Changed(new ArrayList<>(), new ArrayList<>());
    Set<String> wanted = new HashSet<>();
    for (Rule rule : rules.values()) {
      String router = Topology.routerConnectorName(rule.bus());
      if (wanted.add(router)) {
        ensure(
            router,
            TargetConnectors.router(rule.bus(), pluginSettings, partitions),
            existing,
            changed);
      }
    }
    Set<String> retryTopics = retryTopics();
    for (Rule rule : rules.values()) {
      for (Target t : rule.targets()) {
        String name = Topology.targetConnectorName(rule.name(), t.name());
        if (!awake.test(name)) {
          continue; // asleep: removed below
        }
        wanted.add(name);
        Map<String, String> template =
            t.sink() instanceof Target.Connector c ? templates.get(c.name()) : null;
        if (template != null || t.sink() instanceof Target.Inline) {
          ensure(
              name,
              guard.resolveFiles(
                  TargetConnectors.target(
                      rule, t, template, pluginSettings, retryTopics, topics.replicationFactor())),
              existing,
              changed);
        }
      }
    }
    for (String name : new ArrayList<>(existing.keySet())) {
      boolean ours =
          Topology.ruleOfTargetConnector(name).isPresent()
              || Topology.busOfRouterConnector(name).isPresent();
      if (ours && !wanted.contains(name)) {
        remove(name, existing, changed);
      }
    }
    return changed;
  }

  /** The rule target connectors Connect has now. */
  Set<String> runningTargets() {
    Set<String> names = new HashSet<>(existingConfigs().keySet());
    names.removeIf(n -> Topology.ruleOfTargetConnector(n).isEmpty());
    return names;
  }

  /** What {@link #connectors} wrote: connectors created or changed, and those removed. */
  record Changed(List<String> written, List<String> removed) {
    boolean isEmpty() {
      return written.isEmpty() && removed.isEmpty();
    }
  }

  /** Every connector's config, by name, in one request. */
  private Map<String, Map<String, String>> existingConfigs() {
    Map<String, Map<String, String>> configs = new HashMap<>();
    call("GET", "/connectors?expand=info", null)
        .orThrow()
        .body()
        .fields()
        .forEachRemaining(
            e -> configs.put(e.getKey(), strings(e.getValue().path("info").path("config"))));
    return configs;
  }

  /** The retry topics there are: parked records may wait in them whatever the policy is now. */
  private Set<String> retryTopics() {
    try {
      Set<String> names =
          new HashSet<>(admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS));
      names.removeIf(n -> !n.startsWith(Topology.RETRY_TOPIC_PREFIX));
      return names;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the retry topics", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not list the retry topics: " + e, e);
    }
  }

  private void ensure(
      String name,
      Map<String, String> config,
      Map<String, Map<String, String>> existing,
      Changed changed) {
    config.put("name", name);
    scaledTasks.apply(name).ifPresent(n -> config.put("tasks.max", String.valueOf(n)));
    if (config.equals(existing.get(name))) {
      return;
    }
    call("PUT", "/connectors/" + encode(name) + "/config", config).orThrow();
    if (existing.containsKey(name) && Topology.ruleOfTargetConnector(name).isPresent()) {
      // Connect restarts the tasks of a changed connector only when it sees their configs change,
      // and a config change soon after the connector was made can go unseen: a target repaired
      // right after it was created kept its old converter. Its tasks run the new config from here
      ConnectRest.Answer restarted =
          call("POST", "/connectors/" + encode(name) + "/restart?includeTasks=true", null);
      if (restarted.status() != 404) {
        restarted.orThrow();
      }
    }
    existing.put(name, config);
    changed.written().add(name);
  }

  private void remove(String name, Map<String, Map<String, String>> existing, Changed changed) {
    if (existing.remove(name) == null) {
      return;
    }
    ConnectRest.Answer answer = call("DELETE", "/connectors/" + encode(name), null);
    if (answer.status() != 404) {
      answer.orThrow();
    }
    changed.removed().add(name);
  }

  private ConnectRest.Answer call(String method, String path, Object body) {
    try {
      return connect.send(method, path, body).get(TIMEOUT_S * 2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to Kafka Connect", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka Connect did not answer " + method + " " + path + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
