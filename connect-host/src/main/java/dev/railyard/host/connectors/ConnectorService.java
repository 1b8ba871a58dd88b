package dev.railyard.host.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.ConnectorAdmin;
import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.OffsetChange;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.answers.ConnectorAction;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorForm;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.ImportedConnectors;
import dev.railyard.host.connectors.ConnectRest.Answer;
import dev.railyard.rules.model.Topology;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * {@link ConnectorAdmin} over the Connect REST API: validation before every change, masked secrets
 * in every answer, Railyard's auto-restart state beside Connect's status. Thread-safe.
 */
public final class ConnectorService implements ConnectorAdmin {

  private final ConnectRest connect;
  private final ConnectorViews views;
  private final ConnectorYaml yaml;
  private final ConfigGuard guard;
  private final GuardedWrites writes;
  private final ConfigForm form;

  /**
   * @param guard what configs may reach; every write and validation is checked with it first
   */
  public ConnectorService(ConnectRest connect, RestartSupervisor restarts, ConfigGuard guard) {
    this.connect = connect;
    this.guard = guard;
    this.writes = new GuardedWrites(connect, guard);
    this.views = new ConnectorViews(connect, restarts);
    this.yaml = new ConnectorYaml(this, views);
    this.form = new ConfigForm(connect, guard, writes, views);
  }

  /**
   * Warns, once per connector, about the connectors in force whose configs the guard would refuse
   * now (written before it existed, or straight to a worker): they keep running until they are
   * fixed or deleted. Connect not answering is logged too; it never fails the start.
   */
  public void warnAboutStoredConfigs() {
    try {
      for (Map<String, String> config : allConfigs()) {
        Map<String, String> problems = guard.problems(config, null);
        if (!problems.isEmpty()) {
          LoggerFactory.getLogger(ConnectorService.class)
              .warn(
                  "Connector {} holds what Railyard now refuses, and keeps running until it is"
                      + " fixed or deleted: {}",
                  config.get("name"),
                  problems);
        }
      }
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ConnectorService.class)
          .warn("Could not check the stored connector configs: {}", e.getMessage());
    }
  }

  /**
   * Every connector's config, unmasked, for the control plane itself (e.g. which plugin classes are
   * in use). Blocks up to 30 s.
   *
   * @throws IllegalStateException when Connect cannot be asked
   */
  public List<Map<String, String>> allConfigs() {
    try {
      ConnectRest.Answer answer =
          connect.send("GET", "/connectors?expand=info", null).get(30, TimeUnit.SECONDS);
      if (!answer.ok()) {
        throw new IllegalStateException("Kafka Connect: " + answer.message());
      }
      List<Map<String, String>> configs = new ArrayList<>();
      answer
          .body()
          .forEach(
              entry -> {
                Map<String, String> config = new LinkedHashMap<>();
                entry
                    .path("info")
                    .path("config")
                    .fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                configs.add(config);
              });
      return configs;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka Connect", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka Connect did not answer: " + e.getMessage(), e);
    }
  }

  @Override
  public Map<String, String> maskSecrets(Map<String, String> config) {
    return views.mask(config);
  }

  @Override
  public CompletionStage<Outcome<Page<ConnectorView>>> list(ConnectorQuery query) {
    return views.all().thenApply(all -> Outcome.ok(ConnectorListing.select(all, query)));
  }

  @Override
  public CompletionStage<Outcome<ConnectorView>> get(String name) {
    return views.one(name).thenApply(view -> view == null ? notFound(name) : Outcome.ok(view));
  }

  @Override
  public CompletionStage<Optional<Outcome.Refused<?>>> checkConfig(
      String name, Map<String, String> config) {
    return writes.check(name, config);
  }

  @Override
  public CompletionStage<Outcome<ConnectorApplied>> put(String name, ConnectorRequest request) {
    if (Topology.ruleOfTargetConnector(name).isPresent()
        || Topology.busOfRouterConnector(name).isPresent()) {
      // the rules own these: they would overwrite or remove such a connector at their next change
      return done(
          Outcome.refused(
              Kind.CONFLICT,
              "RESERVED_NAME",
              "connector names beginning 'railyard.to.' or 'railyard.router.' are the connectors"
                  + " of rule targets and bus routers, made from rules (POST /api/v1/rules:apply);"
                  + " choose another name",
              Map.of("name", name)));
    }
    Map<String, String> given = guard.resolveFiles(request.config());
    return writes
        .current(name, given)
        .thenCompose(
            current -> {
              // before the masked secrets are filled in: a moved URL is judged on what was sent
              Outcome.Refused<ConnectorApplied> refused = guard.refusal(given, current);
              if (refused != null) {
                return done(refused);
              }
              Map<String, String> config = GuardedWrites.keepMaskedSecrets(given, current);
              if (config == null) {
                return done(GuardedWrites.maskWithoutSecret(given));
              }
              return validate(config)
                  .thenCompose(
                      invalid ->
                          invalid != null
                              ? done(invalid)
                              : apply(name, config, request.initialState()));
            });
  }

  @Override
  public CompletionStage<Outcome<ConnectorForm>> validateForm(
      String name, ConnectorRequest request) {
    return form.check(name, request);
  }

  /**
   * Sets {@code tasks.max} of a connector, keeping the rest of its config: validated with the
   * connector's own ConfigDef like any other change, then put. For the autoscaler.
   *
   * @return Ok when Connect took it; Refused NOT_FOUND when the connector does not exist
   */
  public CompletionStage<Outcome<ConnectorApplied>> setTasks(String name, int tasks) {
    return connect
        .send("GET", "/connectors/" + encode(name) + "/config", null)
        .thenCompose(
            current -> {
              if (current.status() == 404) {
                return done(
                    Outcome.refused(
                        Kind.NOT_FOUND,
                        "NOT_FOUND",
                        "Connector " + name + " does not exist",
                        Map.of()));
              }
              if (!current.ok()) {
                return done(fromConnect(current));
              }
              Map<String, String> config = new LinkedHashMap<>();
              current
                  .body()
                  .fields()
                  .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
              config.put("tasks.max", String.valueOf(tasks));
              return validate(config)
                  .thenCompose(
                      invalid -> invalid != null ? done(invalid) : apply(name, config, null));
            });
  }

  /**
   * Checks a config with the guard, then validates it with the connector's own ConfigDef; null when
   * it is valid. Connect resolves config-provider references to validate, so the guard comes first.
   */
  CompletableFuture<Outcome.Refused<ConnectorApplied>> validate(Map<String, String> config) {
    Outcome.Refused<ConnectorApplied> refused = guard.refusal(config, null);
    if (refused != null) {
      return done(refused);
    }
    String className = config.get("connector.class");
    return connect
        .send("PUT", "/connector-plugins/" + encode(className) + "/config/validate", config)
        .thenApply(
            reply -> {
              Outcome.Refused<ConnectorApplied> failed = Validation.refusal(reply, className);
              if (failed != null) {
                return failed;
              }
              Validation validation = Validation.of(reply.body());
              views.rememberPasswordKeys(className, validation.passwordKeys());
              return validation.valid()
                  ? null
                  : Outcome.refused(
                      Kind.INVALID,
                      "INVALID_CONFIG",
                      validation.summary(),
                      Map.of("errors", validation.errors()));
            });
  }

  CompletableFuture<Outcome<ConnectorApplied>> apply(
      String name, Map<String, String> config, String initialState) {
    return connect
        .send("GET", "/connectors/" + encode(name), null)
        .<Outcome<ConnectorApplied>>thenCompose(
            existing -> {
              if (existing.ok()) {
                return connect
                    .send("PUT", "/connectors/" + encode(name) + "/config", config)
                    .thenApply(r -> r.ok() ? applied(name, config, false) : fromConnect(r));
              }
              Map<String, Object> create = new LinkedHashMap<>();
              create.put("name", name);
              create.put("config", config);
              if (initialState != null) {
                create.put("initial_state", initialState);
              }
              return connect
                  .send("POST", "/connectors", create)
                  .thenApply(r -> r.ok() ? applied(name, config, true) : fromConnect(r));
            })
        .whenComplete((answer, failure) -> views.forget());
  }

  @Override
  public CompletionStage<Outcome<Deleted>> delete(String name) {
    return connect
        .send("DELETE", "/connectors/" + encode(name), null)
        .<Outcome<Deleted>>thenApply(
            r ->
                r.ok()
                    ? Outcome.ok(Deleted.of(name))
                    : r.status() == 404 ? notFound(name) : fromConnect(r))
        .whenComplete((answer, failure) -> views.forget());
  }

  @Override
  public CompletionStage<Outcome<ConnectorAction>> act(
      String name, String action, Map<String, String> options) {
    switch (action) {
      case "pause", "resume", "stop" -> {
        return connect
            .send("PUT", "/connectors/" + encode(name) + "/" + action, null)
            .thenApply(r -> accepted(r, name, action))
            .whenComplete((answer, failure) -> views.forget());
      }
      case "restart" -> {
        RestartOptions restart = RestartOptions.parse(options);
        if (restart.problem() != null) {
          return done(
              Outcome.refused(
                  Kind.INVALID, "INVALID_OPTION", restart.problem(), Map.of("field", "options")));
        }
        return connect
            .send("POST", "/connectors/" + encode(name) + restart.query(), null)
            .thenApply(r -> accepted(r, name, action))
            .whenComplete((answer, failure) -> views.forget());
      }
      default -> {
        return done(
            Outcome.refused(
                Kind.NOT_FOUND,
                "UNKNOWN_ACTION",
                "unknown action '" + action + "'; valid actions: pause, resume, stop, restart",
                null));
      }
    }
  }

  @Override
  public CompletionStage<Outcome<JsonNode>> offsets(String name) {
    return connect
        .send("GET", "/connectors/" + encode(name) + "/offsets", null)
        .thenApply(
            r ->
                r.ok()
                    ? Outcome.ok(r.body())
                    : r.status() == 404 ? notFound(name) : fromConnect(r));
  }

  @Override
  public CompletionStage<Outcome<JsonNode>> changeOffsets(String name, OffsetChange change) {
    String path = "/connectors/" + encode(name) + "/offsets";
    CompletableFuture<Answer> sent =
        change == null
            ? connect.send("DELETE", path, null)
            : connect.send("PATCH", path, change.toConnect());
    return sent.thenApply(
        r -> r.ok() ? Outcome.ok(r.body()) : r.status() == 404 ? notFound(name) : fromConnect(r));
  }

  @Override
  public CompletionStage<String> exportYaml() {
    return yaml.export();
  }

  @Override
  public CompletionStage<Outcome<ImportedConnectors>> importYaml(String text) {
    return yaml.importAll(text);
  }

  private Outcome<ConnectorApplied> applied(
      String name, Map<String, String> config, boolean created) {
    ConnectorApplied body = new ConnectorApplied(name, created, views.mask(config));
    return created ? Outcome.created(body) : Outcome.ok(body);
  }

  private static Outcome<ConnectorAction> accepted(Answer r, String name, String action) {
    if (r.status() == 404) {
      return notFound(name);
    }
    return r.ok() ? Outcome.accepted(new ConnectorAction(name, action, true)) : fromConnect(r);
  }

  static <T> Outcome<T> notFound(String name) {
    return Outcome.refused(
        Kind.NOT_FOUND,
        "NOT_FOUND",
        "connector '" + name + "' does not exist (GET /api/v1/connectors lists them)",
        Map.of("name", name));
  }

  /**
   * Connect's own refusal, with its message. A server error, a time-out, too many requests, or a
   * refusal of Railyard's own credentials (401, 403) means Railyard cannot use Connect now: a
   * dependency failure. Any other refusal is the request's problem.
   */
  static <T> Outcome.Refused<T> fromConnect(Answer r) {
    int status = r.status();
    String message = "Kafka Connect: " + r.message();
    if (status >= 500) {
      return Outcome.refused(Kind.UNAVAILABLE, "CONNECT_ERROR", message, null);
    }
    return switch (status) {
      case 400 -> Outcome.refused(Kind.INVALID, "INVALID_REQUEST", message, null);
      case 404 -> Outcome.refused(Kind.NOT_FOUND, "NOT_FOUND", message, null);
      case 409 -> Outcome.refused(Kind.CONFLICT, "CONFLICT", message, null);
      case 401, 403, 408, 429 ->
          Outcome.refused(Kind.UNAVAILABLE, "CONNECT_" + status, message, null);
      default -> Outcome.refused(Kind.INVALID, "CONNECT_" + status, message, null);
    };
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
