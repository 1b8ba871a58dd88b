package dev.railyard.benchmarks.routing;

import dev.railyard.rules.model.Topology;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The same backlog on every bus: {@code count} structured-mode CloudEvents of about 700 bytes,
 * seeded, each in one of ten groups ({@code data.group} 0–9, a tenth of the events each), written
 * to the bus topic before anything reads it, as a source connector or PutEvents would have left
 * them.
 */
final class Backlog {

  /** Events per group: {@code data.group} is {@code i % GROUPS}. */
  static final int GROUPS = 10;

  private Backlog() {}

  /** Creates {@code bus}'s topic with {@code partitions} partitions unless it exists. */
  static void create(String bootstrap, String bus, int partitions)
      throws InterruptedException, ExecutionException {
    String topic = Topology.busTopic(bus);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Creates {@code bus}'s topic unless it exists and writes the backlog to it. */
  static void fill(String bootstrap, String bus, int partitions, int count, long seed)
      throws InterruptedException, ExecutionException {
    create(bootstrap, bus, partitions);
    String topic = Topology.busTopic(bus);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "none");
    Random random = new Random(seed);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        String key = "customer-" + random.nextInt(10_000);
        producer.send(
            new ProducerRecord<>(
                topic,
                key.getBytes(StandardCharsets.UTF_8),
                event(i, key, random).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /** One event: a CloudEvent 1.0 as PutEvents writes it, its data an order of a few lines. */
  static String event(int i, String customer, Random random) {
    StringBuilder lines = new StringBuilder();
    for (int l = 0; l < 3; l++) {
      lines.append(l == 0 ? "" : ",");
      lines.append(
          String.format(
              Locale.ROOT,
              "{\"sku\":\"SKU-%06d\",\"quantity\":%d,\"price\":%.2f,\"title\":\"%s\"}",
              random.nextInt(1_000_000),
              1 + random.nextInt(5),
              random.nextDouble() * 200,
              "item " + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)));
    }
    return String.format(
        Locale.ROOT,
        "{\"specversion\":\"1.0\",\"id\":\"bench-%09d\",\"source\":\"bench/orders\","
            + "\"type\":\"order.placed\",\"time\":\"2026-12-02T12:00:00Z\","
            + "\"datacontenttype\":\"application/json\",\"subject\":\"%s\","
            + "\"data\":{\"group\":%d,\"order\":%d,\"customer\":\"%s\",\"currency\":\"EUR\","
            + "\"total\":%.2f,\"lines\":[%s],\"shipping\":{\"country\":\"DE\",\"city\":\"Berlin\","
            + "\"street\":\"Alexanderplatz %d\",\"express\":%b}}}",
        i,
        customer,
        i % GROUPS,
        i,
        customer,
        random.nextDouble() * 1000,
        lines,
        random.nextInt(100),
        random.nextBoolean());
  }
}
