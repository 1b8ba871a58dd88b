package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.host.connectors.ConfigGuard;
import dev.railyard.host.connectors.ConnectRest;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks each target's connector config, as it would be created, with Connect's own validation (the
 * hosted sink's ConfigDef and validators, run through the delivery guard). A thousand targets are a
 * thousand validations; they are sent {@value #IN_FLIGHT} at a time, so the apply waits for
 * Connect's work rather than for each round trip in turn. Problems come out in the file's order.
 * Stateless.
 */
final class TargetValidation {

  static final int IN_FLIGHT = 8;
  private static final long TIMEOUT_S = 120;

  private final ConnectRest connect;
  private final ConfigGuard guard;
  private final Map<String, String> pluginSettings;

  TargetValidation(ConnectRest connect, ConfigGuard guard, Map<String, String> pluginSettings) {
    this.connect = connect;
    this.guard = guard;
    this.pluginSettings = pluginSettings;
  }

  private record Check(String where, Map<String, String> config, List<String> refused) {}

  /**
   * Adds to {@code problems} each refusal of a target of {@code rules}, named by rule and target.
   */
  void check(List<Rule> rules, Map<String, Map<String, String>> templates, List<String> problems) {
    List<Check> checks = new ArrayList<>();
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
        List<String> refused = new ArrayList<>();
        // before Connect's validation, which resolves config-provider references
        guard
            .problems(config, null)
            .forEach((k, why) -> refused.add(where + "config '" + k + "': " + why));
        checks.add(new Check(where, config, refused));
      }
    }
    for (int from = 0; from < checks.size(); from += IN_FLIGHT) {
      List<Check> window = checks.subList(from, Math.min(checks.size(), from + IN_FLIGHT));
      List<CompletableFuture<ConnectRest.Answer>> answers = new ArrayList<>();
      for (Check c : window) {
        answers.add(
            c.refused().isEmpty()
                ? connect.send(
                    "PUT",
                    "/connector-plugins/"
                        + RuleReconciler.encode(c.config().get("connector.class"))
                        + "/config/validate",
                    c.config())
                : null);
      }
      for (int i = 0; i < window.size(); i++) {
        Check c = window.get(i);
        problems.addAll(c.refused());
        if (answers.get(i) != null) {
          problems.addAll(refusals(c.where(), await(answers.get(i), c.config())));
        }
      }
    }
  }

  private static List<String> refusals(String where, ConnectRest.Answer answer) {
    List<String> problems = new ArrayList<>();
    if (answer.status() == 400 || answer.status() == 404) {
      problems.add(
          where
              + answer.body().path("message").asText()
              + " (GET /connect/connector-plugins lists the installed ones)");
      return problems;
    }
    for (JsonNode c : answer.orThrow().body().path("configs")) {
      JsonNode value = c.path("value");
      for (JsonNode error : value.path("errors")) {
        String key = value.path("name").asText();
        problems.add(
            where
                + "config '"
                + (key.equals(GuardedSinkConfig.DELEGATE_CLASS_CONFIG) ? "connector.class" : key)
                + "': "
                + error.asText());
      }
    }
    return problems;
  }

  private static ConnectRest.Answer await(
      CompletableFuture<ConnectRest.Answer> answer, Map<String, String> config) {
    try {
      return answer.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while talking to Kafka Connect", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka Connect did not answer the validation of "
              + config.get("name")
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
