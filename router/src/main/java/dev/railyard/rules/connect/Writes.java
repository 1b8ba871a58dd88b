package dev.railyard.rules.connect;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The router's writes to Kafka and what has become of them: one callback counts every write Kafka
 * has settled (acknowledged or failed) and keeps the first failure, so nothing is held per write —
 * no future kept, no list to walk. A failure stays until {@link #settle} reports it, which the task
 * does only in {@code flush}: that fails the offset commit and Connect rewinds to the last
 * committed offsets, so every event since then is routed again (at least once). {@link #send} is
 * called from the task's thread only; the callback runs on the producer's thread.
 */
final class Writes implements Callback {

  private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Producer<byte[], byte[]> producer;
  // written by the task's thread only
  private long sent;
  private final AtomicLong settled = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile Thread waiter;

  Writes(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /** Hands a record to the producer; an exception the producer throws passes through. */
  void send(ProducerRecord<byte[], byte[]> record) {
    producer.send(record, this);
    sent++;
  }

  /** Writes sent and not yet settled. */
  long pending() {
    return sent - settled.get();
  }

  /** Whether a write since the last {@link #settle} failed: what follows will be routed again. */
  boolean failed() {
    return failure.get() != null;
  }

  /** Returns once Kafka has settled every write sent; a failure stays for {@link #settle}. */
  void awaitAll() {
    waiter = Thread.currentThread();
    try {
      while (pending() > 0) {
        // bounded, so a wake-up missed between the check and the park costs 50 ms, not a hang
        LockSupport.parkNanos(this, WAKE_UP_NANOS);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new RetriableException("interrupted while waiting for routed events to be written");
        }
      }
    } finally {
      waiter = null;
    }
  }

  /**
   * Waits for every write sent, then reports the first that failed since the last call.
   *
   * @throws RetriableException when one failed: the offsets must not be committed
   */
  void settle() {
    awaitAll();
    Exception e = failure.getAndSet(null);
    if (e != null) {
      throw new RetriableException("a routed event was not written: " + e, e);
    }
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failure.compareAndSet(null, exception);
    }
    settled.incrementAndGet();
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }
}
