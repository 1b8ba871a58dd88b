package dev.railyard.api.platform.answers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A connector: Connect's status and config in one object, with Railyard's auto-restart state.
 *
 * @param name the connector
 * @param type {@code sink}, {@code source} or {@code unknown}
 * @param state Connect's state of the connector ({@code UNASSIGNED} when it has none yet)
 * @param workerId the worker running it, or null
 * @param trace why it failed, or null (and absent from the JSON) when Connect gives none
 * @param tasks its tasks, in Connect's order
 * @param config its config in Connect's order, secrets masked
 * @param autoRestart Railyard's restarts of failed units by unit ({@code connector}, {@code
 *     task-0}, ...); empty when none failed
 */
public record ConnectorView(
    String name,
    String type,
    String state,
    String workerId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String trace,
    List<Task> tasks,
    Map<String, String> config,
    Map<String, AutoRestart> autoRestart) {

  public ConnectorView {
    tasks = List.copyOf(tasks);
    config = Copies.ordered(config);
    autoRestart = Copies.ordered(autoRestart);
  }

  /**
   * One task of the connector.
   *
   * @param id its number
   * @param state Connect's state of it
   * @param workerId the worker running it, or null
   * @param trace why it failed, or null (and absent from the JSON) when Connect gives none
   */
  public record Task(
      int id,
      String state,
      String workerId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String trace) {}

  /**
   * Railyard's restarts of one failed unit. Instants are ISO-8601.
   *
   * @param state {@code FAILED}, {@code WAITING}, {@code RESTARTING} or {@code RECOVERED}
   * @param attempts the restarts made
   * @param backoffsMs the wait before each restart, in milliseconds
   * @param firstFailureAt when it was first seen failed
   * @param lastRestartAt when it was last restarted, or null
   * @param nextAttemptAt when it is restarted next, or null
   * @param recoveredAt since when it runs again, or null
   */
  public record AutoRestart(
      String state,
      int attempts,
      List<Long> backoffsMs,
      String firstFailureAt,
      String lastRestartAt,
      String nextAttemptAt,
      String recoveredAt) {

    public AutoRestart {
      backoffsMs = List.copyOf(backoffsMs);
    }
  }
}
