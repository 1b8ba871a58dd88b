package dev.railyard.benchmarks.routing;

import dev.railyard.benchmarks.routing.Results.Row;
import dev.railyard.rules.model.Topology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The limit: a plain KafkaConsumer reading a whole bus topic, its own thread's CPU counted. */
final class RawConsumer {

  private RawConsumer() {}

  static Row read(String bootstrapServers, String bus, int partitions, long events) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          IntStream.range(0, partitions)
              .mapToObj(p -> new TopicPartition(Topology.busTopic(bus), p))
              .toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long count = 0;
      long first = 0;
      long cpuFirst = 0;
      long firstCount = 0;
      while (count < events) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
        if (first == 0 && !records.isEmpty()) {
          first = System.nanoTime();
          cpuFirst = threads.getCurrentThreadCpuTime();
          firstCount = records.count();
        }
        count += records.count();
      }
      double seconds = (System.nanoTime() - first) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuFirst) / 1e3 / (count - firstCount);
      Row row =
          new Row(
              "raw consumer (the limit)", count, (count - firstCount) / seconds, cpu, Double.NaN);
      System.out.printf(
          Locale.ROOT, "%s: %,.0f events/s, %.1f µs CPU an event%n", row.name(), row.rate(), cpu);
      return row;
    }
  }
}
