package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings topics and connectors in line with the rules: the delivery and dead-letter topics of every
 * target, one router per bus that has rules, one sink connector per target. Every step is
 * idempotent, and a connector whose config is already right is left alone, so its tasks keep
 * running. Blocking; called on one thread at a time.
 */
final class RuleReconciler {

  private static final long TIMEOUT_S = 60;

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
    for (Rule rule : rules) {
      for (Target t : rule.targets()) {
        Map<String, String> template =
            t.sink() instanceof Target.Connector c ? templates.get(c.name()) : null;
        if (template == null && !(t.sink() instanceof Target.Inline)) {
          continue; // its missing template is reported already
        }
        Map<String, String> config =
            guard.resolveFiles(TargetConnectors.target(rule, t, template, pluginSettings));
        String where = "rule " + rule.name() + ", target " + t.name() + ": ";
        // before Connect's validation, which resolves config-provider references
        Map<String, String> refused = guard.problems(config, null);
        if (!refused.isEmpty()) {
          refused.forEach((key, why) -> problems.add(where + "config '" + key + "': " + why));
          continue;
        }
        ConnectRest.Answer answer =
            call(
                "PUT",
                "/connector-plugins/" + encode(config.get("connector.class")) + "/config/validate",
                config);
        if (answer.status() == 400 || answer.status() == 404) {
          problems.add(
              where
                  + answer.body().path("message").asText()
                  + " (GET /connect/connector-plugins lists the installed ones)");
          continue;
        }
        for (JsonNode c : answer.orThrow().body().path("configs")) {
          JsonNode value = c.path("value");
          for (JsonNode error : value.path("errors")) {
            String key = value.path("name").asText();
            problems.add(
                where
                    + "config '"
                    + (key.equals(GuardedSinkConfig.DELEGATE_CLASS_CONFIG)
                        ? "connector.class"
                        : key)
                    + "': "
                    + error.asText());
          }
        }
      }
    }
  }

  /** Creates the bus, delivery, dead-letter and retry topics the rules need. */
  /** The buses whose topics exist. */
  Set<String> existingBuses() throws Exception {
    Set<String> buses = new HashSet<>();
    for (String topic : admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS)) {
      if (Topology.isBusTopic(topic)) {
        buses.add(topic.substring(Topology.busTopic("").length()));
      }
    }
    return buses;
  }

  void ensureTopics(List<Rule> rules) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Rule rule : rules) {
      add(topics, names, Topology.busTopic(rule.bus()));
      add(topics, names, Topology.busDeadLetterTopic(rule.bus()));
      for (Target t : rule.targets()) {
        add(topics, names, Topology.deliveryTopic(rule.name(), t.name()));
        add(topics, names, Topology.deadLetterTopic(rule.name(), t.name()));
        if (!t.retry().inOrder()) {
          add(topics, names, Topology.retryTopic(rule.name(), t.name()));
        }
      }
    }
    Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
    topics.removeIf(t -> existing.contains(t.name()));
    if (topics.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(topics).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private void add(List<NewTopic> topics, Set<String> names, String name) {
    if (names.add(name)) {
      topics.add(this.topics.newTopic(name, partitions));
    }
  }

  /**
   * Makes the connectors match {@code after}, given what {@code before} needed.
   *
   * @param buses the buses whose routers may have to appear or go
   */
  void connectors(
      Map<String, Rule> before,
      Map<String, Rule> after,
      Set<String> buses,
      Map<String, Map<String, String>> templates) {
    for (String bus : buses) {
      boolean needed = after.values().stream().anyMatch(r -> r.bus().equals(bus));
      String name = Topology.routerConnectorName(bus);
      if (needed) {
        ensure(name, TargetConnectors.router(bus, pluginSettings, partitions));
      } else {
        remove(name);
      }
    }
    Set<String> wanted = new HashSet<>();
    Set<String> retryTopics = retryTopics();
    for (Rule rule : after.values()) {
      for (Target t : rule.targets()) {
        String name = Topology.targetConnectorName(rule.name(), t.name());
        wanted.add(name);
        Map<String, String> template =
            t.sink() instanceof Target.Connector c ? templates.get(c.name()) : null;
        if (template != null || t.sink() instanceof Target.Inline) {
          ensure(
              name,
              guard.resolveFiles(
                  TargetConnectors.target(
                      rule, t, template, pluginSettings, retryTopics, topics.replicationFactor())));
        }
      }
    }
    for (Rule rule : before.values()) {
      for (Target t : rule.targets()) {
        String name = Topology.targetConnectorName(rule.name(), t.name());
        if (!wanted.contains(name)) {
          remove(name);
        }
      }
    }
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

  private void ensure(String name, Map<String, String> config) {
    config.put("name", name);
    scaledTasks.apply(name).ifPresent(n -> config.put("tasks.max", String.valueOf(n)));
    ConnectRest.Answer current = call("GET", "/connectors/" + encode(name) + "/config", null);
    if (current.status() == 200 && strings(current.body()).equals(config)) {
      return;
    }
    call("PUT", "/connectors/" + encode(name) + "/config", config).orThrow();
  }

  private void remove(String name) {
    ConnectRest.Answer answer = call("DELETE", "/connectors/" + encode(name), null);
    if (answer.status() != 404) {
      answer.orThrow();
    }
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

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
