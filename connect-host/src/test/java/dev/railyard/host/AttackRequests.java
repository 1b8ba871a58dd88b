package dev.railyard.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Requests as an attacker sends them, with exactly the headers given (no token unless given), and
 * what the platform holds before and after, for {@link SecurityAttacksIT}.
 */
final class AttackRequests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AttackRequests() {}

  /** A request to {@code baseUrl + path} with these headers (name, value, name, value...). */
  static HttpRequest.Builder request(String baseUrl, String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(150));
    return headers.length == 0 ? b : b.headers(headers);
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends all at once, as a flood does, and answers in the order given. */
  static List<HttpResponse<String>> sendAll(List<HttpRequest> requests) {
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    requests.forEach(r -> sent.add(HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString())));
    return sent.stream().map(CompletableFuture::join).toList();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  /** A status and body read off a socket. */
  record RawAnswer(int status, String body) {}

  /**
   * One HTTP/1.1 request over a plain socket, so that {@code Host} is what the attacker chose
   * (java.net.http does not let a caller set it).
   */
  static RawAnswer raw(String baseUrl, String host, String method, String path, String token) {
    URI uri = URI.create(baseUrl);
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close"
            + "\r\n\r\n{}";
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      int bodyStart = answer.indexOf("\r\n\r\n");
      return new RawAnswer(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the attacks must not change: rules, connectors, plugins and tokens, by name. */
  record State(
      TreeSet<String> rules,
      TreeSet<String> connectors,
      TreeSet<String> plugins,
      TreeSet<String> tokens) {}

  static State state(ApiClient admin) {
    return new State(
        names(admin.get("/api/v1/rules").json()),
        texts(admin.get("/connect/connectors").json()),
        names(admin.get("/api/v1/plugins").json().path("plugins")),
        names(admin.get("/api/v1/tokens").json().path("tokens")));
  }

  private static TreeSet<String> names(JsonNode list) {
    TreeSet<String> names = new TreeSet<>();
    list.forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  private static TreeSet<String> texts(JsonNode list) {
    TreeSet<String> names = new TreeSet<>();
    list.forEach(item -> names.add(item.asText()));
    return names;
  }

  /** Every event on a bus's topic so far, as JSON; none when the topic does not exist. */
  static List<JsonNode> busEvents(String bootstrap, String bus) {
    String topic = Topology.busTopic(bus);
    Map<String, Object> conf = new HashMap<>();
    conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<JsonNode> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in 60 s");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          events.add(json(r.value()));
        }
      }
    }
    return events;
  }

  /** {@code n} PutEvents calls of one event each, all at once. */
  static List<HttpResponse<String>> flood(String url, String token, String bus, int n) {
    return sendAll(
        IntStream.range(0, n)
            .mapToObj(i -> putEvents(url, token, bus, "flood-" + i).build())
            .toList());
  }

  static HttpRequest.Builder putEvents(String url, String token, String bus, String source) {
    return request(
            url,
            "/api/v1/events",
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "application/json")
        .POST(BodyPublishers.ofString("[" + event(bus, source) + "]"));
  }

  static String event(String bus, String source) {
    return "{\"bus\": \"%s\", \"source\": \"%s\", \"type\": \"attack\"}".formatted(bus, source);
  }

  static String rule(String name, String bus) {
    return """
        apiVersion: railyard/v1
        kind: Rule
        metadata: {name: %1$s}
        spec:
          bus: %2$s
          pattern: {type: ["attack"]}
          targets: [{name: out, config: {connector.class: FileStreamSink, file: %1$s.jsonl}}]
        """
        .formatted(name, bus);
  }

  /** Whether the audit entries hold one of {@code token} (null: none) on {@code target}. */
  static boolean has(JsonNode entries, String token, String target, int status) {
    for (JsonNode e : entries) {
      if (e.path("target").asText().equals(target)
          && e.path("status").asInt() == status
          && (token == null
              ? e.path("tokenName").isNull()
              : token.equals(e.path("tokenName").asText()))) {
        return true;
      }
    }
    return false;
  }

  /** A POST of {@code write} ({path, body}) with the given headers. */
  static HttpRequest.Builder post(String url, String[] write, String... headers) {
    return request(url, write[0], headers).POST(BodyPublishers.ofString(write[1]));
  }

  static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
