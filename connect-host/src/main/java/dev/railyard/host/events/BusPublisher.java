package dev.railyard.host.events;

import dev.railyard.api.platform.EventPublisher;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.host.DaemonThreads;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.cloudevents.BusEvent;
import dev.railyard.rules.cloudevents.EventEntries;
import dev.railyard.rules.model.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes PutEvents entries to their bus topics with an idempotent producer ({@code acks=all}), in
 * structured mode of the CloudEvents Kafka binding (the JSON event with {@code content-type:
 * application/cloudevents+json}); an entry's result is known only once Kafka has acknowledged it.
 * Thread-safe.
 */
public final class BusPublisher implements EventPublisher, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BusPublisher.class);

  // structured mode of the CloudEvents Kafka binding: the SDK's deserializer needs the header
  private static final List<Header> STRUCTURED =
      List.of(
          new RecordHeader(
              Topology.CONTENT_TYPE_HEADER,
              Topology.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));

  private final EventEntries entries = new EventEntries();
  private final Producer<String, byte[]> producer;
  private final BusTopics topics;
  private final MeterRegistry metrics;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  // Topic checks and the first send to a topic block; never on the caller's (event-loop) thread.
  private final ExecutorService executor =
      Executors.newFixedThreadPool(2, DaemonThreads.named("railyard-publisher"));

  private final Supplier<String> refusal;

  public BusPublisher(KafkaClients clients, BusTopics topics, MeterRegistry metrics) {
    this(clients, topics, metrics, () -> null);
  }

  /**
   * @param refusal asked before each call: null to take its events, else why all are refused (the
   *     API answers 503 with it), e.g. {@link DiskReserve}
   */
  public BusPublisher(
      KafkaClients clients, BusTopics topics, MeterRegistry metrics, Supplier<String> refusal) {
    this.refusal = refusal;
    this.producer =
        clients.reliableProducer(
            "put-events",
            new StringSerializer(),
            new ByteArraySerializer(),
            Map.of(ProducerConfig.LINGER_MS_CONFIG, 2));
    this.topics = topics;
    this.metrics = metrics;
  }

  @Override
  public CompletionStage<List<EntryResult>> putEvents(List<Map<String, Object>> batch) {
    String refused = refusal.get();
    if (refused != null) {
      counter("railyard.events.rejected", "reason", "Unavailable").increment(batch.size());
      return CompletableFuture.failedFuture(new UnavailableException(refused, null));
    }
    return CompletableFuture.supplyAsync(() -> send(batch), executor)
        .thenCompose(BusPublisher::allOf);
  }

  private List<CompletableFuture<EntryResult>> send(List<Map<String, Object>> batch) {
    List<CompletableFuture<EntryResult>> results = new ArrayList<>(batch.size());
    for (Map<String, Object> entry : batch) {
      results.add(sendOne(entry));
    }
    return results;
  }

  private CompletableFuture<EntryResult> sendOne(Map<String, Object> entry) {
    EventEntries.Outcome outcome = entries.toEvent(entry);
    if (outcome.problem() != null) {
      counter("railyard.events.rejected", "reason", outcome.problem().code()).increment();
      return CompletableFuture.completedFuture(
          EntryResult.failed(outcome.problem().code(), outcome.problem().message()));
    }
    BusEvent event = outcome.event();
    counter("railyard.events.received", "bus", event.bus()).increment();
    String problem = topics.ensure(event.bus());
    if (problem != null) {
      counter("railyard.events.rejected", "reason", "UnknownBus").increment();
      return CompletableFuture.completedFuture(EntryResult.failed("ResourceNotFound", problem));
    }
    CompletableFuture<EntryResult> result = new CompletableFuture<>();
    producer.send(
        new ProducerRecord<>(
            Topology.busTopic(event.bus()), null, event.key(), event.json(), STRUCTURED),
        (metadata, error) -> {
          if (error == null) {
            counter("railyard.events.written", "bus", event.bus()).increment();
            result.complete(EntryResult.written(event.id(), event.bus()));
          } else {
            log.warn(
                "Event {} could not be written to bus {}: {}",
                event.id(),
                event.bus(),
                error.toString());
            result.complete(
                EntryResult.failed(
                    "InternalFailure", "Kafka refused the event: " + error.getMessage()));
          }
        });
    return result;
  }

  // looked up per event: cached so the hot path does not build a meter id every time
  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(
        name + '\u0000' + value, k -> Counter.builder(name).tag(tag, value).register(metrics));
  }

  private static CompletableFuture<List<EntryResult>> allOf(
      List<CompletableFuture<EntryResult>> results) {
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(v -> results.stream().map(CompletableFuture::join).toList());
  }

  /** Sends what is buffered, then closes. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
