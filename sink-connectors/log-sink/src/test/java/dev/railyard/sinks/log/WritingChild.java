package dev.railyard.sinks.log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A JVM that runs the log sink as a worker would, until it is killed: it writes a partition's
 * events in batches and commits every few batches, keeping Connect's committed offset in a file (as
 * the worker keeps it in its offsets topic), and prints how far it got.
 */
public final class WritingChild {

  static final TopicPartition TP = new TopicPartition("railyard.bus.kill", 0);
  static final int EVENTS = 6000;

  private WritingChild() {}

  /** Arguments: the sink's directory, the file of the committed offset. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path committed = Path.of(args[1]);
    FakeConnect connect = connect(dir, committed);
    connect.start(Clock.systemUTC());
    for (int batch = 1; !connect.done(); batch++) {
      connect.deliver(25);
      if (batch % 3 == 0) {
        save(committed, connect.commit().get(TP).offset());
      }
      System.out.println("progress " + batch * 25);
      System.out.flush();
    }
    System.out.println("finished");
  }

  /** A Connect of the partition's events, resuming at the committed offset the file holds. */
  static FakeConnect connect(Path dir, Path committed) throws Exception {
    FakeConnect connect =
        new FakeConnect(
            Map.of(TP, Events.stream(TP, EVENTS)),
            Map.of(
                LogSinkConfig.DIRECTORY_CONFIG, dir.toString(),
                LogSinkConfig.ROLL_BYTES_CONFIG, "4096",
                LogSinkConfig.COMPRESSION_CONFIG, "gzip"));
    if (Files.exists(committed)) {
      connect.committed(TP, Long.parseLong(Files.readString(committed).strip()));
    }
    return connect;
  }

  private static void save(Path file, long offset) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, List.of(Long.toString(offset)), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
