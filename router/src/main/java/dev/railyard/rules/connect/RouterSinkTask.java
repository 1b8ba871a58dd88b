package dev.railyard.rules.connect;

import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.kafka.SharedProducers;
import dev.railyard.rules.pattern.Matched;
import dev.railyard.rules.stats.DeliveryCounters;
import dev.railyard.rules.stats.StatsPublisher;
import dev.railyard.rules.store.RuleLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a batch of bus events: each event is matched against every rule of the bus at once and,
 * per matched rule and target, transformed and written to the target's delivery topic with its key
 * kept. An event whose transform fails goes to the target's dead-letter topic. {@link #put} hands
 * the records to the producer and returns; {@link #flush}, which Connect calls before it commits
 * the offsets of what {@code put} got (on its commit interval, and before partitions are revoked or
 * the task stops), returns only when Kafka has every one of them, so the committed offsets never
 * get ahead of the deliveries: events are routed at least once. After a write that failed the task
 * asks Connect to seek back to its first event since the last clean flush ({@link Rewind}) and
 * routes nothing until then (it would all come again); no commit passes in between, and a write
 * that can never succeed (the producer fenced or refused) fails the task. Waiting in every {@code
 * put} instead made routing one producer round trip per batch (issue 13's benchmark: the router's
 * thread mostly idle). It counts the events each rule matched and the transform errors per target,
 * published to the stats topic as {@code router.<bus>}; like the routing, the counts are at least
 * once (a batch Connect hands over again is counted again).
 */
public class RouterSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(RouterSinkTask.class);

  /**
   * Writes not yet known to be in Kafka, past which {@link #put} waits for them before taking more:
   * a bound on memory and on what a failed write makes Connect hand over again.
   */
  static final int MAX_IN_FLIGHT = 20_000;

  /**
   * The router's producer settings beside acks=all and idempotence ({@link
   * PluginClients#reliableProducer}): batches of up to 64 KiB filled for up to 20 ms, instead of 16
   * KiB (about 20 events of 700 bytes) for 5 ms, so the broker appends a batch per many events also
   * when they spread over many delivery topics (at most 20 ms more before an event is in its
   * delivery topic). A batch being filled holds a buffer of batch.size out of the producer's 32 MiB
   * (buffer.memory), and the tasks of a bus share one producer: 64 KiB lets 500 delivery partitions
   * fill at once before a send waits for memory, 256 KiB only 128. Uncompressed: the events cross
   * one machine or one data centre, and compressing them would cost the router's thread more than
   * it saves the broker.
   */
  static final Map<String, Object> PRODUCER_SETTINGS =
      Map.of(
          ProducerConfig.LINGER_MS_CONFIG,
          20,
          ProducerConfig.BATCH_SIZE_CONFIG,
          64 * 1024,
          ProducerConfig.COMPRESSION_TYPE_CONFIG,
          "none");

  private String bus;
  private RuleLog rules;
  // why the task no longer follows the rules topic, if it does not: the follower's failure
  private Supplier<Optional<Throwable>> unfollowed;
  private volatile RoutingTable table = RoutingTable.EMPTY;
  // the tasks of a bus's router on one worker share a producer (see SharedProducers)
  private static final SharedProducers<byte[], byte[]> PRODUCERS = new SharedProducers<>();

  private Producer<byte[], byte[]> producer;
  private SharedProducers<byte[], byte[]>.Lease lease;
  private Writes writes;
  private RouteWriter routeWriter;
  private final Rewind rewind = new Rewind();
  private StatsPublisher stats;
  private DeliveryCounters counters;

  /** The task as Connect makes it; {@link #start} connects it. */
  public RouterSinkTask() {}

  /**
   * A task already connected, for tests: it routes the {@code rules} of {@code bus}, and {@code
   * unfollowed} says why it stopped following the rules topic, if it did.
   */
  RouterSinkTask(
      String bus,
      Producer<byte[], byte[]> producer,
      DeliveryCounters counters,
      Map<String, dev.railyard.rules.model.Rule> rules,
      Supplier<Optional<Throwable>> unfollowed) {
    this.bus = bus;
    this.producer = producer;
    this.writes = new Writes(producer);
    this.counters = counters;
    this.routeWriter = new RouteWriter(bus, writes, counters);
    this.unfollowed = unfollowed;
    rulesChanged(rules);
  }

  @Override
  public void start(Map<String, String> props) {
    RouterConfig config = new RouterConfig(props);
    bus = config.bus();
    PluginClients clients = config.clients();
    String clientId = "railyard-router-" + bus;
    lease =
        PRODUCERS.lease(
            List.of(clientId, clients.settings(), PRODUCER_SETTINGS),
            () ->
                clients.reliableProducer(
                    clientId,
                    new ByteArraySerializer(),
                    new ByteArraySerializer(),
                    PRODUCER_SETTINGS));
    producer = lease.producer();
    writes = new Writes(producer);
    stats =
        StatsPublisher.start(
            clients,
            "router." + bus,
            Duration.ofMillis(config.getInt(RouterConfig.STATS_INTERVAL_CONFIG)));
    counters = stats.counters();
    routeWriter = new RouteWriter(bus, writes, counters);
    rules =
        new RuleLog(clients, config.getString(RouterConfig.RULES_TOPIC_CONFIG), this::rulesChanged);
    unfollowed = rules::failure;
    rules.start(Duration.ofMillis(config.getInt(RouterConfig.CATCH_UP_TIMEOUT_CONFIG)));
    log.info("Router of bus {} started with {} rule(s)", bus, table.size());
  }

  void rulesChanged(Map<String, dev.railyard.rules.model.Rule> current) {
    try {
      table = RoutingTable.of(bus, current);
      log.info("Router of bus {} now applies {} rule(s)", bus, table.size());
    } catch (RuntimeException e) {
      // keep routing with the rules in force; the control plane only writes valid rules
      log.error(
          "Router of bus {} could not compile the new rules; keeping the previous ones", bus, e);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    failIfRulesAreNotFollowed();
    failIfWritesCannotSucceed();
    rewind.putting();
    rewind.note(records);
    if (rewind.isDue() || writes.failed()) {
      goBack();
      return;
    }
    RoutingTable current = table;
    Instant now = Instant.now();
    for (SinkRecord record : records) {
      byte[] value = bytes(record.value());
      KafkaBinding.Binary binary;
      try {
        binary = KafkaBinding.readBinary(record.headers(), value);
      } catch (RuntimeException e) {
        routeWriter.unreadable(record, value, e, now);
        continue;
      }
      byte[] event = binary == null ? value : binary.json();
      if (event == null) {
        continue;
      }
      Matched matched;
      try {
        matched = current.matchEvent(event);
      } catch (RuntimeException | StackOverflowError e) {
        routeWriter.unreadable(record, value, e, now);
        continue;
      }
      List<RoutingTable.Route> routes = current.routes(matched);
      if (!routes.isEmpty()) {
        routeWriter.route(record, event, binary, routes, matched, now);
      }
    }
    if (writes.pending() >= MAX_IN_FLIGHT) {
      writes.awaitAll();
    }
  }

  /**
   * After a failed write: waits for the writes still under way, then asks Connect to seek back to
   * the first event since the last clean flush; this batch, past it, comes again after the seek.
   */
  private void goBack() {
    Exception failure = writes.settle();
    failIfWritesCannotSucceed();
    Map<TopicPartition, Long> offsets = rewind.request(context);
    log.warn(
        "Router of bus {} routes again from {} after a failed write: {}",
        bus,
        offsets,
        failure == null ? "found by the last flush" : failure.toString());
  }

  /**
   * Returns once Kafka has every record written since the last flush, so Connect may commit the
   * offsets of what {@code put} got; throws when one failed, or while the task is going back.
   */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    if (rewind.pending()) {
      throw new RetriableException("the router is going back to route events again");
    }
    Exception failure = writes.settle();
    if (failure != null) {
      failIfWritesCannotSucceed();
      rewind.due();
      throw new RetriableException("a routed event was not written: " + failure, failure);
    }
    rewind.flushed();
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    rewind.closed(partitions);
  }

  // a producer that is fenced, refused or closed fails every write from here on: FAILED shows it
  // in Connect, and a restarted task gets a new producer
  private void failIfWritesCannotSucceed() {
    if (writes.fatal()) {
      if (lease != null) {
        lease.invalidate();
      }
      throw new ConnectException(
          "The router of bus " + bus + " cannot write to Kafka any more; it needs a restart");
    }
  }

  // routing on with rules that no longer change would be quiet and wrong: FAILED shows it in
  // Connect
  private void failIfRulesAreNotFollowed() {
    unfollowed
        .get()
        .ifPresent(
            e -> {
              throw new ConnectException(
                  "The router of bus "
                      + bus
                      + " stopped following the rules topic, so its rules may be out of date: "
                      + e,
                  e);
            });
  }

  static byte[] bytes(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] b) {
      return b;
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    throw new ConnectException(
        "the router needs byte[] or string values; set its converters to "
            + "ByteArrayConverter (found "
            + value.getClass().getName()
            + ")");
  }

  @Override
  public void stop() {
    if (rules != null) {
      rules.close();
    }
    // what is not yet written is not committed either, so Connect hands it over again
    if (lease != null) {
      lease.close(Duration.ofSeconds(30));
    } else if (producer != null) {
      producer.close(Duration.ofSeconds(30));
    }
    if (stats != null) {
      stats.close();
    }
  }

  @Override
  public String version() {
    return RouterSinkConnector.VERSION;
  }
}
