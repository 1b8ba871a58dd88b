package dev.railyard.sinks.http;

import dev.railyard.connectors.support.LateDeliveryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records a task keeps past {@code put} when {@code http.batch.linger.ms} is above 0. Per lane
 * (by key, as {@link Batches#laneOf}): an open request that waits up to the linger for more
 * records, requests ready to go, and the one in flight, so a key's records still go one request at
 * a time, in order. A request is cut when it is full (count or bytes) or its linger is over, and
 * sent as soon as its lane is free.
 *
 * <p>When a request fails, nothing more is sent: once the requests in flight are answered, {@link
 * #preCommit} and {@link #flush} throw a {@link LateDeliveryException} naming every record not
 * delivered, and forget them. Until then {@link #preCommit} never answers an offset past a record
 * held, in flight or failed, so Connect commits only delivered records.
 *
 * <p>Thread-safe: {@code put}, {@code flush}, {@code preCommit} and {@code close} come from the
 * task's thread, answers and linger timers from others. All state is under this object's lock;
 * requests are started outside it.
 */
final class Lingering {

  /** The clock and timer lingering runs on; the system's outside tests. */
  interface Timer {
    Timer SYSTEM =
        new Timer() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void schedule(Runnable task, long delayNanos) {
            CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(task);
          }
        };

    long nanoTime();

    /** Runs {@code task} once, {@code delayNanos} from now, on another thread. */
    void schedule(Runnable task, long delayNanos);
  }

  /** A record held, numbered in the order Connect gave it. */
  private record Held(SinkRecord record, long seq) {
    TopicPartition partition() {
      return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
  }

  /** One lane: its open request, those ready, and the one in flight. */
  private static final class Lane {
    final List<Held> open = new ArrayList<>();
    final ArrayDeque<List<Held>> ready = new ArrayDeque<>();
    long openBytes = 1;
    Object openUrl;
    long openId;
    List<Held> inFlight;
  }

  private final Lane[] lanes;
  private final int maxRecords;
  private final int maxBytes;
  private final long lingerNanos;
  private final ToIntFunction<SinkRecord> size;
  private final Function<SinkRecord, ?> url;
  private final Function<List<SinkRecord>, CompletableFuture<Void>> send;
  private final Timer timer;
  private final List<Held> failed = new ArrayList<>();
  private RuntimeException failure;
  private long failureSeq;
  private long seq;
  private long openIds;
  private boolean stopped;

  /**
   * @param size the bytes a record adds to a request's body
   * @param url where a record goes; records of one request go to the same place
   * @param send sends one request of records; completes when delivered, fails as {@link
   *     HttpResponses} classifies
   */
  Lingering(
      HttpSinkConfig config,
      ToIntFunction<SinkRecord> size,
      Function<SinkRecord, ?> url,
      Function<List<SinkRecord>, CompletableFuture<Void>> send,
      Timer timer) {
    this.lanes = new Lane[config.maxInFlight()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new Lane();
    }
    this.maxRecords = config.batchMaxRecords();
    this.maxBytes = config.batchMaxBytes();
    this.lingerNanos = config.batchLinger().toNanos();
    this.size = size;
    this.url = url;
    this.send = send;
    this.timer = timer;
  }

  /**
   * Takes records, already checked, into their lanes. Returns once at most one full request per
   * lane waits to be sent (so a slow endpoint holds Connect back, as without linger), or a request
   * has failed.
   */
  void add(List<SinkRecord> records) {
    List<Runnable> starts;
    synchronized (this) {
      for (SinkRecord record : records) {
        hold(record);
      }
      starts = startable();
    }
    starts.forEach(Runnable::run);
    synchronized (this) {
      await(() -> failure != null || stopped || waiting() <= (long) lanes.length * maxRecords);
    }
  }

  /** Whether a request failed, so that {@link #preCommit} will throw. */
  synchronized boolean failing() {
    return failure != null;
  }

  /**
   * Sends every record held at once and returns when all are delivered.
   *
   * @throws LateDeliveryException naming every record not delivered, when a request failed
   */
  void flush() {
    List<Runnable> starts;
    synchronized (this) {
      for (Lane lane : lanes) {
        cut(lane);
      }
      starts = startable();
    }
    starts.forEach(Runnable::run);
    synchronized (this) {
      await(() -> inFlight() == 0 && (failure != null || waiting() == 0));
      if (failure != null) {
        throw giveUp();
      }
    }
  }

  /**
   * The offsets Connect may commit: per partition, up to the first record held, in flight or
   * failed, else Connect's own.
   *
   * @throws LateDeliveryException once the requests in flight are answered, when one failed
   */
  synchronized Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (failure != null) {
      await(() -> inFlight() == 0);
      throw giveUp();
    }
    Map<TopicPartition, Long> first = new HashMap<>();
    forEachHeld(h -> first.merge(h.partition(), h.record().originalKafkaOffset(), Math::min));
    Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
    offsets.forEach(
        (partition, offset) -> {
          Long held = first.get(partition);
          safe.put(
              partition,
              held != null && held < offset.offset() ? new OffsetAndMetadata(held) : offset);
        });
    return safe;
  }

  /**
   * Partitions taken away: their records are dropped (Connect committed none of them, so their next
   * owner gets them) once no request of them is in flight, so that owner's requests never overtake
   * this task's. A failure of theirs alone is forgotten.
   */
  void close(Collection<TopicPartition> partitions) {
    List<Runnable> starts;
    synchronized (this) {
      for (Lane lane : lanes) {
        lane.open.removeIf(h -> partitions.contains(h.partition()));
        cut(lane);
        List<List<Held>> kept = new ArrayList<>();
        for (List<Held> request : lane.ready) {
          List<Held> rest = new ArrayList<>(request);
          rest.removeIf(h -> partitions.contains(h.partition()));
          if (!rest.isEmpty()) {
            kept.add(rest);
          }
        }
        lane.ready.clear();
        lane.ready.addAll(kept);
      }
      await(() -> !inFlightOf(partitions));
      failed.removeIf(h -> partitions.contains(h.partition()));
      if (failed.isEmpty()) {
        failure = null;
      }
      starts = startable();
    }
    starts.forEach(Runnable::run);
  }

  /** Drops everything: none of it was committed, so Connect delivers it again. */
  synchronized void stop() {
    stopped = true;
    for (Lane lane : lanes) {
      lane.open.clear();
      lane.ready.clear();
    }
    failed.clear();
    notifyAll();
  }

  private void hold(SinkRecord record) {
    Lane lane = lanes[Batches.laneOf(record, lanes.length)];
    int more = size.applyAsInt(record);
    Object to = maxRecords == 1 ? null : url.apply(record);
    if (!lane.open.isEmpty()
        && (lane.openBytes + more > maxBytes || !Objects.equals(lane.openUrl, to))) {
      cut(lane);
    }
    if (lane.open.isEmpty()) {
      long id = ++openIds;
      lane.openId = id;
      timer.schedule(() -> expired(lane, id), lingerNanos);
    }
    lane.open.add(new Held(record, seq++));
    lane.openBytes += more;
    lane.openUrl = to;
    if (lane.open.size() >= maxRecords || lane.openBytes >= maxBytes) {
      cut(lane);
    }
  }

  /** The open request of a lane is ready to go. */
  private void cut(Lane lane) {
    if (!lane.open.isEmpty()) {
      lane.ready.add(List.copyOf(lane.open));
      lane.open.clear();
    }
    lane.openBytes = 1;
    lane.openId = 0;
  }

  private void expired(Lane lane, long id) {
    List<Runnable> starts;
    synchronized (this) {
      if (lane.openId != id) {
        return; // that request was cut already, full or flushed
      }
      cut(lane);
      starts = startable();
    }
    starts.forEach(Runnable::run);
  }

  /** Takes the next request of every free lane; the caller starts them outside the lock. */
  private List<Runnable> startable() {
    List<Runnable> starts = new ArrayList<>();
    if (failure != null || stopped) {
      return starts;
    }
    for (Lane lane : lanes) {
      if (lane.inFlight == null && !lane.ready.isEmpty()) {
        List<Held> request = lane.ready.poll();
        lane.inFlight = request;
        List<SinkRecord> records = request.stream().map(Held::record).toList();
        starts.add(() -> send.apply(records).whenComplete((ok, e) -> answered(lane, request, e)));
      }
    }
    return starts;
  }

  private void answered(Lane lane, List<Held> request, Throwable e) {
    List<Runnable> starts;
    synchronized (this) {
      lane.inFlight = null;
      if (e != null && !stopped) {
        failed.addAll(request);
        if (failure == null || request.get(0).seq() < failureSeq) {
          failure = Sender.cause(e);
          failureSeq = request.get(0).seq();
        }
      }
      notifyAll();
      starts = startable();
    }
    starts.forEach(Runnable::run);
  }

  /** Hands every record not delivered to the caller, in Connect's order, and forgets them. */
  private LateDeliveryException giveUp() {
    List<Held> all = new ArrayList<>(failed);
    for (Lane lane : lanes) {
      cut(lane);
      lane.ready.forEach(all::addAll);
      lane.ready.clear();
    }
    all.sort(Comparator.comparingLong(Held::seq));
    RuntimeException cause = failure;
    failed.clear();
    failure = null;
    return new LateDeliveryException(all.stream().map(Held::record).toList(), cause);
  }

  private void forEachHeld(java.util.function.Consumer<Held> action) {
    failed.forEach(action);
    for (Lane lane : lanes) {
      lane.open.forEach(action);
      lane.ready.forEach(request -> request.forEach(action));
      if (lane.inFlight != null) {
        lane.inFlight.forEach(action);
      }
    }
  }

  private long waiting() {
    long n = 0;
    for (Lane lane : lanes) {
      for (List<Held> request : lane.ready) {
        n += request.size();
      }
    }
    return n;
  }

  private int inFlight() {
    int n = 0;
    for (Lane lane : lanes) {
      n += lane.inFlight == null ? 0 : 1;
    }
    return n;
  }

  private boolean inFlightOf(Collection<TopicPartition> partitions) {
    for (Lane lane : lanes) {
      if (lane.inFlight != null
          && lane.inFlight.stream().anyMatch(h -> partitions.contains(h.partition()))) {
        return true;
      }
    }
    return false;
  }

  /** Waits, releasing the lock, until {@code done}; the task's thread only. */
  private void await(BooleanSupplier done) {
    while (!done.getAsBoolean() && !stopped) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException("Interrupted while waiting for the endpoint's answers", e);
      }
    }
  }
}
