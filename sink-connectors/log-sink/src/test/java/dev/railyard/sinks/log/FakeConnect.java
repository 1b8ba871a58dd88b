package dev.railyard.sinks.log;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What Connect does for a sink task, in small steps a test calls: hand over records from where the
 * partition stands, ask the task what to commit and keep it, and start a task again. A crash is a
 * task dropped without its close: what it buffered is gone, what it wrote stays, as after kill -9.
 */
final class FakeConnect {

  private final Map<TopicPartition, List<SinkRecord>> topic;
  private final Map<String, String> props;
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Map<TopicPartition, Long> position = new HashMap<>();
  private LogSinkTask task;
  private FakeContext context;

  FakeConnect(Map<TopicPartition, List<SinkRecord>> topic, Map<String, String> props) {
    this.topic = topic;
    this.props = props;
  }

  /**
   * Starts a task on every partition; each resumes where the task asks, else at the committed
   * offset (or, with {@code ignoreSeek}, always at the committed offset, as if the task's request
   * were lost).
   */
  LogSinkTask start(Clock clock, Rolls.Hooks hooks, boolean ignoreSeek) {
    task = new LogSinkTask(clock, hooks);
    context = new FakeContext();
    task.initialize(context);
    task.start(props);
    task.open(topic.keySet());
    for (TopicPartition tp : topic.keySet()) {
      long at = committed.getOrDefault(tp, 0L);
      position.put(tp, ignoreSeek ? at : context.offsets.getOrDefault(tp, at));
    }
    return task;
  }

  LogSinkTask start(Clock clock) {
    return start(clock, Rolls.Hooks.NONE, false);
  }

  /** Hands each partition's next {@code batch} records to the task, one put for all. */
  void deliver(int batch) {
    List<SinkRecord> records = new java.util.ArrayList<>();
    for (Map.Entry<TopicPartition, List<SinkRecord>> e : topic.entrySet()) {
      int from = position.get(e.getKey()).intValue();
      int to = Math.min(e.getValue().size(), from + batch);
      records.addAll(e.getValue().subList(from, to));
      position.put(e.getKey(), (long) to);
    }
    task.put(records);
  }

  /** Everything left, in batches of {@code batch}, committing after each. */
  void deliverAll(int batch) {
    while (!done()) {
      deliver(batch);
      commit();
    }
  }

  /** Asks the task what to commit, and commits it. */
  Map<TopicPartition, OffsetAndMetadata> commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(currentOffsets());
    offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    return offsets;
  }

  /** Asks the task what to commit and dies before committing it. */
  void commitWithoutKeeping() {
    task.preCommit(currentOffsets());
  }

  private Map<TopicPartition, OffsetAndMetadata> currentOffsets() {
    Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
    position.forEach((tp, o) -> current.put(tp, new OffsetAndMetadata(o)));
    return current;
  }

  /** A clean stop: the last commit, then close and stop. */
  void stop() {
    commit();
    task.close(topic.keySet());
    task.stop();
  }

  /** The task dies: nothing more is called on it, and what it buffered is lost. */
  void crash() {
    task.stop(); // only lets go of its file handles, as the kernel does for a killed JVM
  }

  /** Sets what Connect committed, as a restarted worker reads it from its offsets topic. */
  void committed(TopicPartition tp, long offset) {
    committed.put(tp, offset);
  }

  /** Whether every record has been handed over. */
  boolean done() {
    return position.entrySet().stream().allMatch(e -> e.getValue() >= topic.get(e.getKey()).size());
  }

  FakeContext context() {
    return context;
  }

  long committed(TopicPartition tp) {
    return committed.getOrDefault(tp, 0L);
  }
}
