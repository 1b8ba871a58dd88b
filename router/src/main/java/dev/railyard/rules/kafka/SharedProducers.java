package dev.railyard.rules.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Producers shared by the tasks of one worker JVM that would otherwise each make an identical one:
 * the tasks of a bus's router, one per bus partition, share one producer per worker. A producer
 * batches what all its users send to a partition together, so the broker handles a third of the
 * requests and batches a router of three tasks made with a producer each (issue 13's benchmark:
 * with ten delivery topics of three partitions, that broker work was most of the router's cost); a
 * producer is thread-safe and meant to be shared. Each task still knows what became of its own
 * writes through its callbacks, so sharing changes no guarantee.
 *
 * <p>A producer is made on the first {@link #lease} of a key and closed when the last lease of it
 * is closed. Thread-safe.
 */
public final class SharedProducers<K, V> {

  /** One task's use of a shared producer; closing it gives the producer up. */
  public final class Lease implements AutoCloseable {
    private final List<Object> key;
    private final Entry<K, V> entry;
    private boolean closed;

    private Lease(List<Object> key, Entry<K, V> entry) {
      this.key = key;
      this.entry = entry;
    }

    /** The shared producer; never close it directly. */
    public Producer<K, V> producer() {
      return entry.producer;
    }

    /**
     * Gives the producer up; the last lease closes it, waiting up to {@code timeout} for what was
     * sent. Closing twice does nothing.
     */
    public void close(Duration timeout) {
      synchronized (SharedProducers.this) {
        if (closed) {
          return;
        }
        closed = true;
        if (--entry.leases > 0) {
          return;
        }
        shared.remove(key, entry);
      }
      entry.producer.close(timeout);
    }

    @Override
    public void close() {
      close(Duration.ofSeconds(30));
    }

    /**
     * Takes the producer out of sharing because it can no longer write: the next lease of its key
     * makes a new one; this one is closed when its last lease is.
     */
    public void invalidate() {
      synchronized (SharedProducers.this) {
        shared.remove(key, entry);
      }
    }
  }

  private static final class Entry<K, V> {
    final Producer<K, V> producer;
    int leases;

    Entry(Producer<K, V> producer) {
      this.producer = producer;
    }
  }

  private final Map<List<Object>, Entry<K, V>> shared = new HashMap<>();

  /**
   * A lease of the producer of {@code key}, made with {@code make} when there is none.
   *
   * @param key what makes two producers the same: every setting they would be made with
   */
  public synchronized Lease lease(List<Object> key, Supplier<Producer<K, V>> make) {
    Entry<K, V> entry = shared.get(key);
    if (entry == null) {
      entry = new Entry<>(make.get());
      shared.put(List.copyOf(key), entry);
    }
    entry.leases++;
    return new Lease(key, entry);
  }

  /** How many producers are shared now; for tests. */
  synchronized int size() {
    return shared.size();
  }
}
