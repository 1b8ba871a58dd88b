package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * The progress of a replay, as it was when asked.
 *
 * @param id identifies it
 * @param rule the rule replayed
 * @param targets the targets it sends to
 * @param from the window's start, ISO-8601
 * @param to the window's end, ISO-8601
 * @param state {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param scanned bus events read so far
 * @param matched of them, those the rule matched
 * @param delivered events written to the targets' delivery topics
 * @param transformFailures matched events the transform refused
 * @param message the last step, or why it failed
 * @param startedAt when it started, ISO-8601
 * @param finishedAt when it ended, ISO-8601; null while it runs
 */
public record ReplayView(
    String id,
    String rule,
    List<String> targets,
    String from,
    String to,
    String state,
    long scanned,
    long matched,
    long delivered,
    long transformFailures,
    String message,
    String startedAt,
    String finishedAt) {

  public ReplayView {
    targets = List.copyOf(targets);
  }
}
