package dev.railyard.rules.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.cloudevents.EventId;
import dev.railyard.rules.kafka.PluginClients;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.stats.DeliveryCounters;
import dev.railyard.rules.stats.StatsPublisher;
import dev.railyard.rules.store.RuleLog;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * get ahead of the deliveries: events are routed at least once. A write that failed fails the
 * flush, and Connect rewinds to the last committed offsets and hands the events over again. Waiting
 * in every {@code put} instead made routing one producer round trip per batch (issue 13's
 * benchmark: the router's thread mostly idle). It counts the events each rule matched and the
 * transform errors per target, published to the stats topic as {@code router.<bus>}; like the
 * routing, the counts are at least once (a batch Connect hands over again is counted again).
 */
public class RouterSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(RouterSinkTask.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes not yet known to be in Kafka, past which {@link #put} waits for them before taking more:
   * a bound on memory and on what a failed write makes Connect hand over again.
   */
  static final int MAX_IN_FLIGHT = 20_000;

  // the writes of every put since the last flush
  private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

  private String bus;
  private RuleLog rules;
  // why the task no longer follows the rules topic, if it does not: the follower's failure
  private Supplier<Optional<Throwable>> unfollowed;
  private volatile RoutingTable table = RoutingTable.EMPTY;
  private Producer<byte[], byte[]> producer;
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
    this.counters = counters;
    this.unfollowed = unfollowed;
    rulesChanged(rules);
  }

  @Override
  public void start(Map<String, String> props) {
    RouterConfig config = new RouterConfig(props);
    bus = config.bus();
    PluginClients clients = config.clients();
    producer =
        clients.reliableProducer(
            "railyard-router-" + bus,
            new ByteArraySerializer(),
            new ByteArraySerializer(),
            Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
    stats =
        StatsPublisher.start(
            clients,
            "router." + bus,
            Duration.ofMillis(config.getInt(RouterConfig.STATS_INTERVAL_CONFIG)));
    counters = stats.counters();
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
    RoutingTable current = table;
    List<Future<RecordMetadata>> sent = inFlight;
    Instant now = Instant.now();
    for (SinkRecord record : records) {
      byte[] event = bytes(record.value());
      if (event == null) {
        continue;
      }
      List<RoutingTable.Route> routes;
      try {
        routes = current.match(event);
      } catch (RuntimeException | StackOverflowError e) {
        // one unreadable event must not stop the bus: it waits in the bus's dead letters
        log.warn(
            "Router of bus {} could not match an event at {}-{}@{}: {}",
            bus,
            record.topic(),
            record.kafkaPartition(),
            record.kafkaOffset(),
            e.toString());
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    Topology.busDeadLetterTopic(bus),
                    null,
                    bytes(record.key()),
                    event,
                    DeadLetters.headers("", "", asException(e), now))));
        continue;
      }
      if (!routes.isEmpty()) {
        route(record, event, routes, now, sent);
      }
    }
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      awaitInFlight();
    }
  }

  /** Returns once Kafka has every record written since the last flush; throws if one failed. */
  @Override
  public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    awaitInFlight();
  }

  private void awaitInFlight() {
    try {
      await(inFlight);
    } finally {
      // failed or not, these are done: a failure has Connect rewind and hand them over again
      inFlight.clear();
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

  private void route(
      SinkRecord record,
      byte[] event,
      List<RoutingTable.Route> routes,
      Instant now,
      List<Future<RecordMetadata>> sent) {
    byte[] key = bytes(record.key());
    // the tree is built only for transforms that read the event; the id header needs none
    JsonNode tree = null;
    boolean parsed = false;
    String id = null;
    boolean idRead = false;
    for (RoutingTable.Route route : routes) {
      counters.matched(route.rule());
      Transformer transformer = route.transformer();
      if (transformer.needsEvent() && !parsed) {
        tree = parse(event);
        parsed = true;
      }
      byte[] output;
      TransformException failure = null;
      try {
        output =
            transformer.needsEvent() && tree == null
                ? null
                : transformer.apply(tree, event, route.rule(), now);
      } catch (TransformException e) {
        output = null;
        failure = e;
      }
      if (output != null && !idRead) {
        id = tree != null ? textOf(tree.get("id")) : EventId.of(event);
        idRead = true;
      }
      for (RoutingTable.Destination d : route.destinations()) {
        if (output != null) {
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      d.topic(), null, key, output, headers(route.rule(), d.target(), id))));
          continue;
        }
        counters.transformError(route.rule(), d.target());
        if (d.deadLetter()) {
          sent.add(
              producer.send(
                  new ProducerRecord<>(
                      d.deadLetterTopic(),
                      null,
                      key,
                      event,
                      DeadLetters.headers(route.rule(), d.target(), failure, now))));
        }
      }
    }
  }

  private static String textOf(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception e ? e : new IllegalStateException(t.toString(), t);
  }

  private static RecordHeaders headers(String rule, String target, String eventId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(Topology.RULE_HEADER, rule.getBytes(StandardCharsets.UTF_8));
    headers.add(Topology.TARGET_HEADER, target.getBytes(StandardCharsets.UTF_8));
    if (eventId != null) {
      headers.add(Topology.EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static JsonNode parse(byte[] event) {
    try {
      return JSON.readTree(event);
    } catch (IOException e) {
      return null; // matched as text but not JSON: nothing can be transformed; unreachable in
      // practice
    }
  }

  private static void await(List<Future<RecordMetadata>> sent) {
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RetriableException("interrupted while routing", e);
      } catch (ExecutionException e) {
        // Connect redelivers the whole batch: at least once, never lost
        throw new RetriableException(
            "a routed event was not written: " + e.getCause(), e.getCause());
      }
    }
  }

  private static byte[] bytes(Object value) {
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
    if (producer != null) {
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
