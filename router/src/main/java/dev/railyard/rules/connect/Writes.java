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
 * no future kept, no list to walk. A failure stays until {@link #settle} answers it; the task then
 * goes back to its first event since the last clean flush ({@link Rewind}), so every event since
 * then is routed again (at least once). {@link #send} is called from the task's thread only; the
 * callback runs on the producer's thread.
 */
final class Writes implements Callback {

  private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Producer<byte[], byte[]> producer;
  // written by the task's thread only
  private long sent;
  private final AtomicLong settled = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile Thread waiter;
  private volatile boolean fatal;

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
   * Waits for every write sent, then answers the first that failed since the last call, if one did,
   * and forgets it.
   */
  Exception settle() {
    awaitAll();
    return failure.getAndSet(null);
  }

  /**
   * Whether a write failed in a way that retrying cannot mend (the producer is fenced, refused or
   * closed, or the record can never be written): routing again would fail again forever.
   */
  boolean fatal() {
    return fatal;
  }

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      failure.compareAndSet(null, exception);
      if (!(exception instanceof org.apache.kafka.common.errors.RetriableException)) {
        fatal = true;
      }
    }
    settled.incrementAndGet();
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }
}
