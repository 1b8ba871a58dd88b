package dev.railyard.host.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.host.DaemonThreads;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.rules.model.Topology;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: every state-changing API call as one JSON line appended to {@code
 * <data.dir>/logs/audit.log} and one record, keyed by a fresh id, on the compacted topic {@value
 * Topology#AUDIT_TOPIC}. The last {@value #KEPT} entries are also kept in memory (read back from
 * the file's end at start) for {@code GET /api/v1/audit}. Lines are written in order by a thread of
 * the log's own, so callers on an event loop never wait on the disk or Kafka; a failing write is
 * logged at warn and does not fail the call. Accepted PutEvents calls are data, not changes, and
 * are left out unless asked for.
 *
 * <p>Thread-safe.
 */
public final class AuditLog implements AuditTrail, AutoCloseable {

  static final int KEPT = 1000;
  static final String EVENTS_ROUTE = "/api/v1/events";
  private static final int QUEUED = 10_000;
  private static final int TAIL_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter file;
  private final Producer<String, String> producer;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final boolean acceptedEvents;
  private final ThreadPoolExecutor writer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(QUEUED),
          DaemonThreads.named("railyard-audit"));

  AuditLog(
      BufferedWriter file,
      Producer<String, String> producer,
      List<Entry> seed,
      boolean acceptedEvents) {
    this.file = file;
    this.producer = producer;
    this.acceptedEvents = acceptedEvents;
    seed.forEach(this::keep);
  }

  /**
   * Opens the log file, creates the topic when missing and reads back the recent entries.
   *
   * @param acceptedEvents whether accepted PutEvents calls are recorded too (refused ones are)
   */
  public static AuditLog open(
      Path logFile, KafkaClients clients, Admin admin, boolean acceptedEvents, TopicSettings topics)
      throws Exception {
    NewTopic topic = topics.newTopic(Topology.AUDIT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
    try {
      admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    Files.createDirectories(logFile.getParent());
    List<Entry> seed = tail(logFile);
    BufferedWriter writer =
        Files.newBufferedWriter(
            logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Producer<String, String> producer =
        clients.reliableProducer("audit", new StringSerializer(), new StringSerializer(), Map.of());
    return new AuditLog(writer, producer, seed, acceptedEvents);
  }

  @Override
  public void record(Entry entry) {
    if (!acceptedEvents
        && entry.route().equals(EVENTS_ROUTE)
        && entry.status() >= 200
        && entry.status() < 300) {
      return;
    }
    String line;
    try {
      line = JSON.writeValueAsString(fields(entry));
    } catch (IOException e) {
      LOG.warn("Could not write an audit entry as JSON: {}", e.toString());
      return;
    }
    synchronized (this) {
      keep(entry);
    }
    try {
      // the caller is an event loop: the file and the topic are written by a thread of their own
      writer.execute(() -> write(line));
    } catch (RejectedExecutionException e) {
      LOG.warn("Audit entry not written, {} are waiting already: {}", QUEUED, line);
    }
  }

  private void write(String line) {
    try {
      file.write(line);
      file.newLine();
      file.flush();
    } catch (IOException e) {
      LOG.warn("Could not append to the audit log: {}", e.toString());
    }
    producer.send(
        new ProducerRecord<>(Topology.AUDIT_TOPIC, UUID.randomUUID().toString(), line),
        (metadata, failure) -> {
          if (failure != null) {
            LOG.warn(
                "Could not write an audit entry to {}: {}",
                Topology.AUDIT_TOPIC,
                failure.toString());
          }
        });
  }

  @Override
  public synchronized List<Entry> recent(int limit) {
    List<Entry> all = new ArrayList<>(recent);
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  private void keep(Entry entry) {
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(entry);
  }

  private static Map<String, Object> fields(Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", e.time().toString());
    m.put("tokenId", e.tokenId());
    m.put("tokenName", e.tokenName());
    m.put("role", e.role());
    m.put("method", e.method());
    m.put("route", e.route());
    m.put("target", e.target());
    m.put("status", e.status());
    m.put("remote", e.remote());
    return m;
  }

  /** The last entries of an existing log file; lines that do not parse are skipped. */
  static List<Entry> tail(Path logFile) throws IOException {
    if (!Files.exists(logFile)) {
      return List.of();
    }
    List<String> lines = lastLines(logFile);
    List<Entry> entries = new ArrayList<>();
    for (String line : lines.subList(Math.max(0, lines.size() - KEPT), lines.size())) {
      try {
        var n = JSON.readTree(line);
        entries.add(
            new Entry(
                Instant.parse(n.path("time").asText()),
                n.path("tokenId").textValue(),
                n.path("tokenName").textValue(),
                n.path("role").textValue(),
                n.path("method").asText(),
                n.path("route").asText(),
                n.path("target").asText(),
                n.path("status").asInt(),
                n.path("remote").textValue()));
      } catch (IOException | RuntimeException e) {
        LOG.debug("Skipping an unreadable audit line: {}", e.toString());
      }
    }
    return entries;
  }

  /**
   * The whole lines of the file's last {@value #TAIL_BYTES} bytes: a long log is not read whole.
   */
  private static List<String> lastLines(Path logFile) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
      long start = Math.max(0, channel.size() - TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
      channel.position(start);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // read on until the end of the file
      }
      List<String> lines =
          new ArrayList<>(
              List.of(
                  new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
                      .split("\n")));
      if (start > 0 && !lines.isEmpty()) {
        lines.remove(0); // cut in the middle
      }
      return lines;
    }
  }

  @Override
  public void close() throws IOException {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("Audit entries still waiting at close were not written");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
    file.close();
  }
}
