package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One connector as Connect reports it: its config, its state and where its tasks run.
 *
 * @param name the connector name
 * @param kind what it is (sink, router, source), as the platform tells them apart
 * @param config its config as Connect stores it
 * @param state the connector's state: RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING
 * @param tasks its tasks, in id order
 */
public record ConnectorState(
    String name, Kind kind, Map<String, String> config, String state, List<TaskState> tasks) {

  public ConnectorState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    config = Map.copyOf(config);
    Objects.requireNonNull(state, "state");
    tasks = List.copyOf(tasks);
  }

  /**
   * One task.
   *
   * @param id its number
   * @param state RUNNING, PAUSED, FAILED, UNASSIGNED
   * @param workerId the Connect worker running it ({@code host:port})
   */
  public record TaskState(int id, String state, String workerId) {}

  /** Its {@code tasks.max}; 1 when absent or not a number. */
  public int tasksMax() {
    try {
      return Math.max(1, Integer.parseInt(config.getOrDefault("tasks.max", "1").trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Its tasks in state RUNNING. */
  public int runningTasks() {
    return (int) tasks.stream().filter(t -> t.state().equals("RUNNING")).count();
  }

  /** The topics a sink reads, from {@code topics}; empty when it names them by regex instead. */
  public List<String> topics() {
    String topics = config.get("topics");
    if (topics == null || topics.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(topics.split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .toList();
  }

  /** The regex of the topics a sink reads, if it names them so. */
  public java.util.Optional<java.util.regex.Pattern> topicsRegex() {
    String regex = config.get("topics.regex");
    if (regex == null || regex.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(java.util.regex.Pattern.compile(regex));
    } catch (java.util.regex.PatternSyntaxException e) {
      return java.util.Optional.empty();
    }
  }

  /** The consumer group of a sink: Connect's {@code connect-<name>} unless overridden. */
  public String group() {
    String override = config.get("consumer.override.group.id");
    return override == null || override.isBlank() ? "connect-" + name : override;
  }
}
