package dev.railyard.sinks.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * commit. A partition's files are written only under its {@link PartitionLock}, taken in {@link
 * #open} and let go in {@link #close} and {@link #stop}. Connect calls a task from one thread.
 */
public class LogSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(LogSinkTask.class);
  private static final String BUS_TOPIC_PREFIX = "railyard.bus.";
  private static final String RULE_HEADER = "railyard.rule";

  private final Clock clock;
  private final Rolls.Hooks hooks;

  /** How long Connect waits before handing a batch again while another task holds a lock. */
  static final long LOCK_RETRY_MS = 1_000;

  private final Map<TopicPartition, PartitionLog> logs = new HashMap<>();
  private final Map<TopicPartition, PartitionLock> locks = new HashMap<>();
  private final Set<TopicPartition> waiting = new HashSet<>();
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

  /**
   * Takes each partition's lock and recovers its files. A partition whose lock another task holds
   * (one that lost it but still runs) is left waiting: nothing of it is read or cut until the lock
   * is free, which {@link #put} tries again.
   */
  @Override
  public void open(Collection<TopicPartition> partitions) {
    try {
      Map<TopicPartition, List<LogFiles.Found>> found = null;
      for (TopicPartition tp : partitions) {
        PartitionLock lock = PartitionLock.tryTake(settings.root(), tp);
        if (lock == null) {
          if (waiting.add(tp)) {
            log.warn(
                "The log files of {} under {} are locked by another task ({}), likely on a"
                    + " worker that lost the partition but still runs; waiting for it to let go",
                tp,
                settings.root(),
                PartitionLock.path(settings.root(), tp));
          }
          continue;
        }
        waiting.remove(tp);
        locks.put(tp, lock);
        found = found == null ? LogFiles.scan(settings.root()) : found;
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

  /**
   * Refuses, as retriable, a batch with records of a partition whose files another task still
   * locks: Connect hands the same batch again after {@link #LOCK_RETRY_MS}, so nothing is skipped
   * and nothing is written beside the other task.
   */
  private void awaitLocks(Collection<SinkRecord> records) {
    if (waiting.isEmpty()) {
      return;
    }
    List<TopicPartition> wanted = new ArrayList<>();
    for (SinkRecord r : records) {
      TopicPartition tp = new TopicPartition(r.originalTopic(), r.originalKafkaPartition());
      if (waiting.contains(tp) && !wanted.contains(tp)) {
        wanted.add(tp);
      }
    }
    open(wanted);
    wanted.retainAll(waiting);
    if (!wanted.isEmpty()) {
      context.timeout(LOCK_RETRY_MS);
      throw new RetriableException(
          "The log files of "
              + wanted
              + " under "
              + settings.root()
              + " are locked by another task (a worker that lost these partitions but still"
              + " runs); waiting for it to let go of "
              + PartitionLock.path(settings.root(), wanted.get(0)));
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    awaitLocks(records);
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
      awaitLocks(List.of(record));
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
      waiting.remove(tp);
      PartitionLog partition = logs.remove(tp);
      try {
        if (partition != null) {
          partition.commit();
          partition.close();
        }
      } catch (IOException e) {
        // what was not committed is cut back by the partition's next owner
        log.warn("Could not commit the log files of {} as it was closed: {}", tp, e.toString());
      } finally {
        unlock(tp);
      }
    }
  }

  private void unlock(TopicPartition tp) {
    PartitionLock lock = locks.remove(tp);
    if (lock == null) {
      return;
    }
    try {
      lock.close();
    } catch (IOException e) {
      log.warn("Could not release the lock {} of {}: {}", lock.path(), tp, e.toString());
    }
  }

  @Override
  public void stop() {
    try {
      for (PartitionLog partition : logs.values()) {
        partition.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      logs.clear();
      waiting.clear();
      List.copyOf(locks.keySet()).forEach(this::unlock);
    }
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
