package dev.railyard.api.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.answers.ConnectorAction;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorForm;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.ImportedConnectors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Connector configs and their lifecycle, as {@code /api/v1/connectors} offers them: every create or
 * update is validated by the connector's own ConfigDef first, and secrets never leave in clear.
 * Implementations answer with an {@link Outcome}; stages fail only when the platform cannot be
 * asked at all (with {@link UnavailableException} when Connect is down). Thread-safe.
 */
public interface ConnectorAdmin {

  /**
   * A copy of a connector config with its secrets masked, by the same rule as every other answer.
   * Cheap and non-blocking (no I/O): the Connect pass-through calls it for each config it relays.
   */
  Map<String, String> maskSecrets(Map<String, String> config);

  /**
   * The connectors {@code query} matches, sorted by name, with config (masked), state and tasks:
   * the page it asks for and how many matched in all. {@link ConnectorQuery#ALL} answers every
   * connector on one page.
   */
  CompletionStage<Outcome<Page<ConnectorView>>> list(ConnectorQuery query);

  /** One connector: config (masked), state, tasks and Railyard's auto-restart state. */
  CompletionStage<Outcome<ConnectorView>> get(String name);

  /**
   * Creates or replaces a connector after validation by its own ConfigDef: {@link Outcome.Created}
   * or {@link Outcome.Ok}, or {@code INVALID} with the errors per key.
   */
  CompletionStage<Outcome<ConnectorApplied>> put(String name, ConnectorRequest request);

  /**
   * Whether a config may be written or validated at all, as the Connect pass-through asks before it
   * passes a write on: empty when it may, else the refusal ({@code INVALID}, naming the key and
   * what would be valid, never a secret). May read the connector's config in force.
   *
   * @param name the connector written, or null for a validation
   */
  CompletionStage<Optional<Outcome.Refused<?>>> checkConfig(
      String name, Map<String, String> config);

  /**
   * Validates a config with the connector's own ConfigDef and answers what a form needs to show it:
   * every key's definition (group, order, importance, type, default, documentation), its value
   * (secrets masked), recommended values, visibility and errors, plus the error count. Changes
   * nothing. {@code INVALID} when the config may not be written at all (an unknown class, a guard's
   * refusal), naming the key.
   *
   * @param name the connector the form edits, whose secrets in force stand in for masked ones; null
   *     for a new one
   */
  CompletionStage<Outcome<ConnectorForm>> validateForm(String name, ConnectorRequest request);

  /** Deletes a connector; {@code NOT_FOUND} when there is none of that name. */
  CompletionStage<Outcome<Deleted>> delete(String name);

  /**
   * A lifecycle action.
   *
   * @param action pause, resume, stop or restart
   * @param options for restart: {@code includeTasks} and {@code onlyFailed} ("true"/"false")
   */
  CompletionStage<Outcome<ConnectorAction>> act(
      String name, String action, Map<String, String> options);

  /** Committed offsets (KIP-875), Connect's document as it answers it. */
  CompletionStage<Outcome<JsonNode>> offsets(String name);

  /**
   * Alters offsets, or resets them all when {@code change} is null (the connector is STOPPED); Ok
   * with Connect's answer as it gives it.
   */
  CompletionStage<Outcome<JsonNode>> changeOffsets(String name, OffsetChange change);

  /** Every connector config as a YAML document stream (secrets masked). */
  CompletionStage<String> exportYaml();

  /** Validates every connector of a YAML document stream, then creates or replaces them all. */
  CompletionStage<Outcome<ImportedConnectors>> importYaml(String yaml);
}
