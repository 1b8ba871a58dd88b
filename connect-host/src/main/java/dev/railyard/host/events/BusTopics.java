package dev.railyard.host.events;

import dev.railyard.host.kafka.TopicSettings;
import dev.railyard.rules.model.Topology;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Knows which bus topics exist and creates them on first use when allowed. Thread-safe. */
public final class BusTopics {

  private static final Logger log = LoggerFactory.getLogger(BusTopics.class);
  private static final long TIMEOUT_MS = 30_000;
  private static final long POLL_MS = 20;

  private final Admin admin;
  private final int partitions;
  private final boolean autoCreate;
  private final int maxBuses;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final long timeoutMs;
  private final TopicSettings settings;

  /**
   * @param maxBuses how many bus topics may exist; a new bus beyond them is refused
   * @param settings how the bus topics are replicated
   */
  public BusTopics(
      Admin admin, int partitions, boolean autoCreate, int maxBuses, TopicSettings settings) {
    this(admin, partitions, autoCreate, maxBuses, TIMEOUT_MS, settings);
  }

  BusTopics(Admin admin, int partitions, boolean autoCreate, int maxBuses) {
    this(admin, partitions, autoCreate, maxBuses, TIMEOUT_MS, TopicSettings.BROKER_DEFAULTS);
  }

  BusTopics(Admin admin, int partitions, boolean autoCreate, int maxBuses, long timeoutMs) {
    this(admin, partitions, autoCreate, maxBuses, timeoutMs, TopicSettings.BROKER_DEFAULTS);
  }

  private BusTopics(
      Admin admin,
      int partitions,
      boolean autoCreate,
      int maxBuses,
      long timeoutMs,
      TopicSettings settings) {
    this.settings = settings;
    this.timeoutMs = timeoutMs;
    this.admin = admin;
    this.partitions = partitions;
    this.autoCreate = autoCreate;
    this.maxBuses = maxBuses;
  }

  /**
   * Makes sure the topic of {@code bus} exists. Blocks on the Admin client.
   *
   * @return null when it exists, else why the bus cannot be used
   */
  public String ensure(String bus) {
    String topic = Topology.busTopic(bus);
    if (known.contains(topic)) {
      return null;
    }
    try {
      Set<String> names = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
      if (names.contains(topic)) {
        awaitLeaders(topic);
        known.add(topic);
        return null;
      }
      if (!autoCreate) {
        return "bus \"" + bus + "\" does not exist (bus.auto.create is false)";
      }
      long buses = names.stream().filter(Topology::isBusTopic).count();
      if (buses >= maxBuses) {
        return "bus \""
            + bus
            + "\" would be bus number "
            + (buses + 1)
            + "; at most "
            + maxBuses
            + " may exist (bus.max)";
      }
      create(topic);
      awaitLeaders(topic);
      known.add(topic);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking bus " + bus, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka did not answer about topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * What asking for a bus did.
   *
   * @param created whether its topic was made now
   * @param refusal why it cannot be made (bus.max), or null
   */
  public record Creation(boolean created, String refusal) {}

  /**
   * Makes the topic of {@code bus} if it is missing, whatever {@code bus.auto.create} says (an
   * explicit create is what that setting leaves to the user), within {@code bus.max}. Blocks.
   */
  public Creation createBus(String bus)
      throws InterruptedException, TimeoutException, ExecutionException {
    String topic = Topology.busTopic(bus);
    Set<String> names = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    if (names.contains(topic)) {
      awaitLeaders(topic);
      known.add(topic);
      return new Creation(false, null);
    }
    long buses = names.stream().filter(Topology::isBusTopic).count();
    if (buses >= maxBuses) {
      return new Creation(
          false, "there are " + buses + " buses already; at most " + maxBuses + " (bus.max)");
    }
    create(topic);
    awaitLeaders(topic);
    known.add(topic);
    return new Creation(true, null);
  }

  /** Forgets that the topic of {@code bus} exists: it was deleted, and is made again if named. */
  public void forget(String bus) {
    known.remove(Topology.busTopic(bus));
  }

  /** Creates the topic of {@code bus} now if it is missing; for the default bus at start-up. */
  public void ensureExists(String bus)
      throws InterruptedException, TimeoutException, ExecutionException {
    create(Topology.busTopic(bus));
    awaitLeaders(Topology.busTopic(bus));
    known.add(Topology.busTopic(bus));
  }

  private void create(String topic)
      throws InterruptedException, TimeoutException, ExecutionException {
    try {
      admin
          .createTopics(Set.of(settings.newTopic(topic, partitions)))
          .all()
          .get(timeoutMs, TimeUnit.MILLISECONDS);
      log.info("Created bus topic {} with {} partitions", topic, partitions);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /**
   * Waits until every partition of a new topic has a leader. Events sent before then can be lost:
   * an idempotent producer's first requests to a partition being created may be reordered around
   * its creation, and the earlier one is then refused as out of sequence until it times out
   * (KAFKA-15591).
   */
  private void awaitLeaders(String topic)
      throws InterruptedException, TimeoutException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (true) {
      try {
        TopicDescription described =
            admin
                .describeTopics(Set.of(topic))
                .allTopicNames()
                .get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(topic);
        if (described.partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "the partitions of " + topic + " have no leader after " + timeoutMs + " ms");
      }
      // the broker tells nobody when it has applied a new partition: ask again shortly
      TimeUnit.MILLISECONDS.sleep(POLL_MS);
    }
  }
}
