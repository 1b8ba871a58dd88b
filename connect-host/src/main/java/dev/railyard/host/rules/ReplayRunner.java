package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.connect.KafkaBinding;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.DataException;

/**
 * Runs one replay: reads the bus partitions from the first record at or after {@code from} to the
 * last before {@code to} (by record timestamp, which PutEvents sets at ingestion), and sends each
 * event the rule matches, transformed, to the chosen targets' delivery topics with a {@code
 * railyard.replay} header. Events of either mode of the CloudEvents Kafka binding are read and
 * written as the router does ({@link KafkaBinding}). Blocking; one thread per replay.
 */
final class ReplayRunner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaClients clients;
  private final Producer<byte[], byte[]> producer;

  ReplayRunner(KafkaClients clients, Producer<byte[], byte[]> producer) {
    this.clients = clients;
    this.producer = producer;
  }

  void run(Rule rule, Replay replay) {
    Pattern pattern = Pattern.compile(rule.pattern());
    Transformer transformer = Transformer.of(rule.transform());
    try (Consumer<byte[], byte[]> consumer = consumer()) {
      Map<TopicPartition, Long> stops = window(consumer, Topology.busTopic(rule.bus()), replay);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      while (!stops.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long stop = stops.get(tp);
          if (stop == null || r.offset() >= stop) {
            continue;
          }
          KafkaBinding.Binary binary = binary(r);
          byte[] event = binary != null ? binary.json() : r.value();
          boolean match = event != null && pattern.matches(event);
          replay.scanned(match);
          if (match) {
            send(rule, replay, transformer, r, event, binary, sent);
          }
        }
        stops.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        consumer.assign(stops.keySet());
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
      replay.delivered(sent.size());
      replay.done();
    } catch (Exception e) {
      replay.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  // a binary-mode event the router could not read is in the bus's dead letters, not replayed
  private static KafkaBinding.Binary binary(ConsumerRecord<byte[], byte[]> r) {
    try {
      return KafkaBinding.readBinary(r.headers(), r.value());
    } catch (DataException e) {
      return null;
    }
  }

  private void send(
      Rule rule,
      Replay replay,
      Transformer transformer,
      ConsumerRecord<byte[], byte[]> r,
      byte[] event,
      KafkaBinding.Binary binary,
      List<Future<RecordMetadata>> sent)
      throws Exception {
    KafkaBinding.Output output;
    try {
      JsonNode tree = JSON.readTree(event);
      byte[] made =
          transformer.apply(
              tree, event, rule.name(), java.time.Instant.ofEpochMilli(r.timestamp()));
      output = KafkaBinding.output(transformer, made, event, binary, tree);
    } catch (TransformException e) {
      replay.transformFailed();
      return;
    }
    for (String target : replay.targets) {
      KafkaBinding.Output out;
      try {
        out = KafkaBinding.as(mode(rule, target), output);
      } catch (DataException e) {
        replay.transformFailed(); // the event cannot be put in the mode the target asks for
        continue;
      }
      RecordHeaders headers = new RecordHeaders();
      out.headers().forEach(headers::add);
      headers.add(Topology.RULE_HEADER, rule.name().getBytes(StandardCharsets.UTF_8));
      headers.add(Topology.TARGET_HEADER, target.getBytes(StandardCharsets.UTF_8));
      headers.add(Topology.REPLAY_HEADER, replay.id.getBytes(StandardCharsets.UTF_8));
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  Topology.deliveryTopic(rule.name(), target),
                  null,
                  r.key(),
                  out.value(),
                  headers)));
    }
  }

  static Target.EventMode mode(Rule rule, String target) {
    return rule.targets().stream()
        .filter(t -> t.name().equals(target))
        .map(Target::cloudEvents)
        .findFirst()
        .orElse(Target.EventMode.KEEP);
  }

  /**
   * Assigns and positions the consumer at the window's start; returns where each partition stops.
   */
  private static Map<TopicPartition, Long> window(
      Consumer<byte[], byte[]> consumer, String topic, Replay replay) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    Map<TopicPartition, Long> fromTimes = new HashMap<>();
    Map<TopicPartition, Long> toTimes = new HashMap<>();
    partitions.forEach(
        tp -> {
          fromTimes.put(tp, replay.from.toEpochMilli());
          toTimes.put(tp, replay.to.toEpochMilli());
        });
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(fromTimes);
    Map<TopicPartition, OffsetAndTimestamp> ends = consumer.offsetsForTimes(toTimes);
    Map<TopicPartition, Long> latest = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> stops = new HashMap<>();
    Map<TopicPartition, Long> begin = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp start = starts.get(tp);
      long stop = ends.get(tp) == null ? latest.get(tp) : ends.get(tp).offset();
      if (start != null && start.offset() < stop) {
        begin.put(tp, start.offset());
        stops.put(tp, stop);
      }
    }
    consumer.assign(begin.keySet());
    begin.forEach(consumer::seek);
    return stops;
  }

  private Consumer<byte[], byte[]> consumer() {
    return clients.consumer(
        "replay", null, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Map.of());
  }
}
