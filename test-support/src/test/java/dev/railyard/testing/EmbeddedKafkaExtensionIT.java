package dev.railyard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(workers = 1)
class EmbeddedKafkaExtensionIT {

  @Test
  void shouldRunAConnectorOnTheWorkerAgainstTheEmbeddedBroker(KafkaCluster cluster)
      throws Exception {
    // given a topic holding 200 records
    String topic = KafkaCluster.uniqueName("lines");
    cluster.createTopic(topic, 2);
    List<String> sent = IntStream.range(0, 200).mapToObj(i -> "line-" + i).toList();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      sent.forEach(v -> producer.send(new ProducerRecord<>(topic, v)));
    }

    // when a FileStreamSink is created through the worker's REST API
    Path file = cluster.dataDir().resolve(topic + ".txt");
    String config =
        """
        {"connector.class": "FileStreamSink", "topics": "%s", "file": "%s"}"""
            .formatted(topic, file);
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            cluster.connectRestUrl().orElseThrow()
                                + "/connectors/"
                                + topic
                                + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(config))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    // then every record reaches the file
    await("all 200 records in " + file)
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(file) && Files.readAllLines(file).size() >= sent.size());
    assertThat(Files.readAllLines(file)).containsExactlyInAnyOrderElementsOf(sent);
  }
}
