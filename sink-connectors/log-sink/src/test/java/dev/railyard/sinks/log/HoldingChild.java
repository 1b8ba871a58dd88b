package dev.railyard.sinks.log;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A worker that wrote a partition's first events and then hangs on to it, as a zombie does: it
 * prints "holding" and waits until its standard input closes, then closes the partition.
 */
public final class HoldingChild {

  static final TopicPartition TP = new TopicPartition("railyard.bus.zombie", 0);

  private HoldingChild() {}

  /** Arguments: the sink's directory, how many events to write first. */
  public static void main(String[] args) throws Exception {
    LogSinkTask task = new LogSinkTask(Clock.systemUTC(), Rolls.Hooks.NONE);
    task.initialize(new FakeContext());
    task.start(Map.of(LogSinkConfig.DIRECTORY_CONFIG, args[0]));
    task.open(List.of(TP));
    task.put(Events.stream(TP, Integer.parseInt(args[1])));
    task.preCommit(Map.of());
    System.out.println("holding");
    System.out.flush();
    while (System.in.read() >= 0) {
      // a zombie: alive, holding its partition
    }
    task.close(List.of(TP));
    task.stop();
  }
}
