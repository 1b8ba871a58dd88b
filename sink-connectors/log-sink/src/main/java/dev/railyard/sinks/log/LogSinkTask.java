package dev.railyard.sinks.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each record as one line into the open file of its folder and partition, exactly once.
 *
 * <p>The files, not Kafka's committed offsets, say what is written: each partition's {@link
 * Checkpoint} names the first offset not in the files, and when a partition is opened (at start,
 * after a crash, after a rebalance) its files are cut back to the checkpoint and Connect is asked
 * to resume there ({@link org.apache.kafka.connect.sink.SinkTaskContext#offset}). Records handed
 * again below that offset are passed over, and so is an event whose source and id are among the
 * latest ones of its partition (the checkpoint keeps them too): a router that died routes again
 * what it had not committed, at later offsets. {@link #preCommit} makes the files durable, writes
 * the checkpoints, rolls the files that are due and returns the checkpoints' offsets for Connect to
 * commit. Connect calls a task from one thread.
 */
public class LogSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(LogSinkTask.class);
  private static final String BUS_TOPIC_PREFIX = "railyard.bus.";
  private static final String RULE_HEADER = "railyard.rule";

  private final Clock clock;
  private final Rolls.Hooks hooks;
  private final Map<TopicPartition, PartitionLog> logs = new HashMap<>();
  private PathTemplate paths;
  private LineFormat format;
  private PartitionLog.Settings settings;

  public LogSinkTask() {
    this(Clock.systemUTC(), Rolls.Hooks.NONE);
  }

  /** With a clock to roll by, and points where a test stops a roll as a crash would. */
  LogSinkTask(Clock clock, Rolls.Hooks hooks) {
    this.clock = clock;
    this.hooks = hooks;
  }

  @Override
  public void start(Map<String, String> props) {
    LogSinkConfig config = new LogSinkConfig(props);
    paths = config.pathTemplate();
    format = config.format();
    Path root = config.directory();
    settings =
        new PartitionLog.Settings(
            root,
            config.rollBytes(),
            config.rollInterval(),
            config.compression(),
            config.retention(),
            config.dedupeWindow(),
            clock,
            hooks);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new ConnectException("The log sink cannot create its directory " + root, e);
    }
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    try {
      Map<TopicPartition, List<LogFiles.Found>> found = LogFiles.scan(settings.root());
      for (TopicPartition tp : partitions) {
        PartitionLog partition =
            PartitionLog.recover(settings, tp, found.getOrDefault(tp, List.of()));
        logs.put(tp, partition);
        if (partition.next() >= 0) {
          context.offset(tp, partition.next());
        }
        log.info(
            "Log files of {} under {} resume at offset {}", tp, settings.root(), partition.next());
      }
    } catch (IOException e) {
      throw new ConnectException(
          "The log sink cannot recover its files under " + settings.root(), e);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    try {
      for (SinkRecord record : records) {
        write(record);
      }
    } catch (IOException e) {
      throw new RetriableException("The log sink cannot write under " + settings.root(), e);
    }
    if (logs.values().stream().anyMatch(PartitionLog::rollDue)) {
      context.requestCommit();
    }
  }

  private void write(SinkRecord record) throws IOException {
    TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    PartitionLog partition = logs.get(tp);
    if (partition == null) {
      open(List.of(tp));
      partition = logs.get(tp);
    }
    long offset = record.originalKafkaOffset();
    if (partition.holds(offset)) {
      return;
    }
    RecordContent content = RecordContent.read(record);
    if (content == null) {
      partition.skip(offset);
      return;
    }
    byte[] line = format.line(content);
    String key = content.eventKey();
    if (key != null && partition.seen(key)) {
      partition.skip(offset); // an event repeated upstream, at a later offset
      return;
    }
    partition.append(paths.render(values(record, content)), offset, line, key);
  }

  private PathTemplate.Values values(SinkRecord record, RecordContent content) {
    String topic = record.topic();
    String bus =
        topic.startsWith(BUS_TOPIC_PREFIX) ? topic.substring(BUS_TOPIC_PREFIX.length()) : topic;
    Header rule = record.headers().lastWithName(RULE_HEADER);
    Instant time = paths.eventTime() ? content.eventTime() : null;
    if (time == null) {
      time =
          record.timestamp() != null ? Instant.ofEpochMilli(record.timestamp()) : clock.instant();
    }
    return new PathTemplate.Values(
        bus, topic, record.kafkaPartition(), rule == null ? topic : text(rule.value()), time);
  }

  private static String text(Object value) {
    return value instanceof byte[] b
        ? new String(b, StandardCharsets.UTF_8)
        : String.valueOf(value);
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    try {
      for (Map.Entry<TopicPartition, PartitionLog> e : logs.entrySet()) {
        long next = e.getValue().commit();
        if (next >= 0) {
          committed.put(e.getKey(), new OffsetAndMetadata(next));
        }
      }
    } catch (IOException e) {
      throw new RetriableException(
          "The log sink cannot commit its files under " + settings.root(), e);
    }
    return committed;
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      PartitionLog partition = logs.remove(tp);
      if (partition == null) {
        continue;
      }
      try {
        partition.commit();
        partition.close();
      } catch (IOException e) {
        // what was not committed is cut back by the partition's next owner
        log.warn("Could not commit the log files of {} as it was closed: {}", tp, e.toString());
      }
    }
  }

  @Override
  public void stop() {
    for (PartitionLog partition : logs.values()) {
      try {
        partition.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    logs.clear();
  }

  /** The partition's files as this task has them; for tests. */
  PartitionLog partition(TopicPartition tp) {
    return logs.get(tp);
  }

  @Override
  public String version() {
    return LogSinkConnector.VERSION;
  }
}
