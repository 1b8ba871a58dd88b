package dev.railyard.host.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.DeadLetterCounts;
import dev.railyard.api.platform.answers.Letters;
import dev.railyard.api.platform.answers.Redriven;
import dev.railyard.host.kafka.KafkaClients;
import dev.railyard.rules.connect.DeadLetters;
import dev.railyard.rules.connect.KafkaBinding;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.errors.DataException;

/**
 * The dead letters of rule targets: how many there are, a look at them, and redrive. What has been
 * redriven is kept as the offsets of the consumer group {@code railyard.redrive.<rule>.<target>},
 * so a letter is redriven once. Blocking; called from the rule service's worker thread.
 */
final class DeadLetterService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaClients clients;
  private final Producer<byte[], byte[]> producer;

  DeadLetterService(KafkaClients clients, Producer<byte[], byte[]> producer) {
    this.clients = clients;
    this.producer = producer;
  }

  Outcome<DeadLetterCounts> list(Rule rule) {
    List<DeadLetterCounts.Target> targets = new ArrayList<>();
    for (Target t : rule.targets()) {
      try (Consumer<byte[], byte[]> consumer = consumer(rule.name(), t.name())) {
        List<TopicPartition> partitions = assign(consumer, rule.name(), t.name());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new HashSet<>(partitions));
        long total = 0;
        long redriven = 0;
        for (TopicPartition tp : partitions) {
          total += end.get(tp) - begin.get(tp);
          OffsetAndMetadata o = done.get(tp);
          redriven += o == null ? 0 : o.offset() - begin.get(tp);
        }
        targets.add(
            new DeadLetterCounts.Target(
                t.name(),
                Topology.deadLetterTopic(rule.name(), t.name()),
                total,
                redriven,
                total - redriven));
      }
    }
    return Outcome.ok(new DeadLetterCounts(rule.name(), targets));
  }

  Outcome<Letters> peek(Rule rule, String target, int limit) {
    try (Consumer<byte[], byte[]> consumer = consumer(rule.name(), target)) {
      List<TopicPartition> partitions = assign(consumer, rule.name(), target);
      Map<TopicPartition, Long> end = position(consumer, partitions);
      List<Letters.Letter> letters = new ArrayList<>();
      read(
          consumer,
          end,
          r -> {
            if (letters.size() < limit) {
              letters.add(view(r));
            }
            return letters.size() < limit;
          });
      return Outcome.ok(new Letters(rule.name(), target, letters));
    }
  }

  Outcome<Redriven> redrive(Rule rule, String target) throws Exception {
    Transformer transformer = Transformer.of(rule.transform());
    String delivery = Topology.deliveryTopic(rule.name(), target);
    try (Consumer<byte[], byte[]> consumer = consumer(rule.name(), target)) {
      List<TopicPartition> partitions = assign(consumer, rule.name(), target);
      Map<TopicPartition, Long> end = position(consumer, partitions);
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      int[] failedAgain = {0};
      read(
          consumer,
          end,
          r -> {
            byte[] value = r.value();
            RecordHeaders headers = deliveryHeaders(r, rule.name(), target);
            if (isRouterLetter(r)) {
              try {
                KafkaBinding.Output output =
                    KafkaBinding.as(
                        ReplayRunner.mode(rule, target), transformAgain(transformer, rule, r));
                value = output.value();
                rebind(headers, output);
              } catch (TransformException | java.io.IOException | DataException e) {
                failedAgain[0]++;
                return true;
              }
            }
            sent.add(producer.send(new ProducerRecord<>(delivery, null, r.key(), value, headers)));
            return true;
          });
      for (Future<RecordMetadata> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      end.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
      consumer.commitSync(commit);
      return Outcome.ok(new Redriven(rule.name(), target, sent.size(), failedAgain[0]));
    }
  }

  // the letter is the bus event as it came, in either mode of the CloudEvents Kafka binding
  private static KafkaBinding.Output transformAgain(
      Transformer transformer, Rule rule, ConsumerRecord<byte[], byte[]> r)
      throws TransformException, java.io.IOException {
    KafkaBinding.Binary binary = KafkaBinding.readBinary(r.headers(), r.value());
    byte[] event = binary != null ? binary.json() : r.value();
    JsonNode tree = JSON.readTree(event);
    byte[] made = transformer.apply(tree, event, rule.name(), Instant.ofEpochMilli(r.timestamp()));
    return KafkaBinding.output(transformer, made, event, binary, tree);
  }

  // the event's binding headers give way to those of what the transform made of it
  private static void rebind(RecordHeaders headers, KafkaBinding.Output output) {
    List<String> binding = new ArrayList<>();
    for (Header h : headers) {
      if (h.key().startsWith(Topology.CLOUDEVENT_HEADER_PREFIX)
          || h.key().equals(Topology.CONTENT_TYPE_HEADER)) {
        binding.add(h.key());
      }
    }
    binding.forEach(headers::remove);
    output.headers().forEach(headers::add);
  }

  private interface LetterHandler {
    boolean accept(ConsumerRecord<byte[], byte[]> record);
  }

  // reads from the current positions up to end (exclusive), or until the handler says stop
  private static void read(
      Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, LetterHandler handler) {
    Map<TopicPartition, Long> left = new HashMap<>(end);
    left.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    while (!left.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(tp) && !handler.accept(r)) {
          return;
        }
      }
      left.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    }
  }

  // a router letter holds the bus event, to be transformed again; delivery letters (from the
  // delivery guard or Connect's own dead-letter queue) hold the delivery record as it was
  private static boolean isRouterLetter(ConsumerRecord<byte[], byte[]> r) {
    Header stage = r.headers().lastHeader(DeadLetters.STAGE);
    if (stage != null) {
      return DeadLetters.STAGE_TRANSFORM.equals(new String(stage.value(), StandardCharsets.UTF_8));
    }
    return r.headers().lastHeader(DeadLetters.ERROR_CLASS) != null
        && r.headers().lastHeader("__connect.errors.topic") == null;
  }

  private static RecordHeaders deliveryHeaders(
      ConsumerRecord<byte[], byte[]> r, String rule, String target) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      if (!h.key().startsWith("__connect.errors.")
          && !h.key().startsWith(Topology.ERROR_HEADER_PREFIX)
          && !h.key().equals(Topology.ATTEMPTS_HEADER)
          && !h.key().endsWith(".failure")) {
        headers.add(h);
      }
    }
    headers.remove(Topology.RULE_HEADER);
    headers.remove(Topology.TARGET_HEADER);
    headers.add(Topology.RULE_HEADER, rule.getBytes(StandardCharsets.UTF_8));
    headers.add(Topology.TARGET_HEADER, target.getBytes(StandardCharsets.UTF_8));
    headers.add(Topology.REDRIVEN_HEADER, "true".getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  private static Letters.Letter view(ConsumerRecord<byte[], byte[]> r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      if (!h.key().equals("__connect.errors.exception.stacktrace")) {
        headers.put(
            h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return new Letters.Letter(
        r.partition(),
        r.offset(),
        Instant.ofEpochMilli(r.timestamp()).toString(),
        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
        headers);
  }

  private static List<TopicPartition> assign(
      Consumer<byte[], byte[]> consumer, String rule, String target) {
    String topic = Topology.deadLetterTopic(rule, target);
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(topic)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    return partitions;
  }

  // positions the consumer after what was redriven; returns the end to read up to
  private static Map<TopicPartition, Long> position(
      Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new HashSet<>(partitions));
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata o = done.get(tp);
      consumer.seek(tp, o == null ? begin.get(tp) : Math.max(o.offset(), begin.get(tp)));
    }
    return consumer.endOffsets(partitions);
  }

  private Consumer<byte[], byte[]> consumer(String rule, String target) {
    return clients.consumer(
        "redrive",
        Topology.redriveGroup(rule, target),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        Map.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false));
  }
}
