package dev.railyard.benchmarks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.railyard.sinks.http.HttpSinkConfig;
import dev.railyard.sinks.http.HttpSinkTask;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Events/s of one HTTP sink task against a local endpoint answering every request after a fixed
 * latency (20 ms by default), in batches of 500 records as Connect hands them over ({@code
 * max.poll.records}' default), for settings from today's one-at-a-time sink (one record a request,
 * one request at a time: the defaults) to batches and requests in flight. Each case runs for a
 * fixed time after a warm-up and prints events/s, requests/s and the events the endpoint counted.
 * The linger cases come in pairs, without and with {@code http.batch.linger.ms}, one after the
 * other, also with puts of 10 events as a lightly loaded topic hands them over.
 *
 * <p>Usage: {@code HttpSinkBenchmark [seconds per case, 10] [latency ms, 20]}
 */
public final class HttpSinkBenchmark {

  private static final int PUT = 500;
  private static final int SMALL_PUT = 10;

  /** A case: its settings and the events each put hands over. */
  private record Case(Map<String, String> settings, int put) {}

  private static final int KEYS = 64;

  private HttpSinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Map<String, Case> cases = new LinkedHashMap<>();
    cases.put("today: 1 record a request, 1 in flight (the defaults)", new Case(Map.of(), PUT));
    cases.put("1 record a request, 8 in flight", new Case(settings(1, 8, "raw"), PUT));
    cases.put("binary CloudEvents, 8 in flight", new Case(settings(1, 8, "binary"), PUT));
    cases.put("50 records a request, 1 in flight", new Case(settings(50, 1, "raw"), PUT));
    cases.put("50 records a request, 8 in flight", new Case(settings(50, 8, "raw"), PUT));
    cases.put(
        "batched CloudEvents of 100, 4 in flight", new Case(settings(100, 4, "batched"), PUT));
    cases.put("500 records a request, 1 in flight", new Case(settings(500, 1, "raw"), PUT));
    cases.put(
        "50 a request, 8 in flight, no linger (again)", new Case(settings(50, 8, "raw"), PUT));
    cases.put("50 a request, 8 in flight, linger 20 ms", new Case(lingering(50, 8, 20), PUT));
    cases.put(
        "puts of 10: 50 a request, 8 in flight, no linger",
        new Case(settings(50, 8, "raw"), SMALL_PUT));
    cases.put(
        "puts of 10: 50 a request, 8 in flight, linger 20 ms",
        new Case(lingering(50, 8, 20), SMALL_PUT));

    try (Endpoint endpoint = new Endpoint(latencyMs)) {
      System.out.printf(
          Locale.ROOT,
          "endpoint latency %d ms, puts of %d events over %d keys, %d s a case, %d cores%n",
          latencyMs,
          PUT,
          KEYS,
          seconds,
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT, "%-52s %12s %12s %10s%n", "case", "events/s", "requests/s", "vs today");
      double today = 0;
      for (Map.Entry<String, Case> c : cases.entrySet()) {
        double[] result = run(endpoint, c.getValue(), seconds);
        if (today == 0) {
          today = result[0];
        }
        System.out.printf(
            Locale.ROOT,
            "%-52s %12.0f %12.0f %9.1fx%n",
            c.getKey(),
            result[0],
            result[1],
            result[0] / today);
      }
    }
  }

  private static Map<String, String> settings(int batch, int inFlight, String mode) {
    return Map.of(
        HttpSinkConfig.BATCH_MAX_RECORDS_CONFIG, Integer.toString(batch),
        HttpSinkConfig.MAX_IN_FLIGHT_CONFIG, Integer.toString(inFlight),
        HttpSinkConfig.CLOUDEVENTS_MODE_CONFIG, mode);
  }

  private static Map<String, String> lingering(int batch, int inFlight, int lingerMs) {
    Map<String, String> settings = new HashMap<>(settings(batch, inFlight, "raw"));
    settings.put(HttpSinkConfig.BATCH_LINGER_MS_CONFIG, Integer.toString(lingerMs));
    return settings;
  }

  /** Events/s and requests/s of one case, counted at the endpoint over the measured span. */
  private static double[] run(Endpoint endpoint, Case c, int seconds) {
    Map<String, String> props = new HashMap<>(c.settings());
    props.put(HttpSinkConfig.URL_CONFIG, endpoint.url());
    HttpSinkTask task = new HttpSinkTask();
    task.start(props);
    try {
      long offset = 0;
      long warmUpEnd = System.nanoTime() + Duration.ofSeconds(Math.max(1, seconds / 5)).toNanos();
      while (System.nanoTime() < warmUpEnd) {
        task.put(batch(offset, c.put()));
        offset += c.put();
      }
      long events = endpoint.events.get();
      long requests = endpoint.requests.get();
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(seconds).toNanos();
      while (System.nanoTime() < end) {
        task.put(batch(offset, c.put()));
        offset += c.put();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      return new double[] {
        (endpoint.events.get() - events) / elapsed, (endpoint.requests.get() - requests) / elapsed
      };
    } finally {
      task.stop();
    }
  }

  private static List<SinkRecord> batch(long from, int size) {
    List<SinkRecord> records = new ArrayList<>(size);
    for (long i = from; i < from + size; i++) {
      String id = "evt-" + i;
      ConnectHeaders headers = new ConnectHeaders();
      headers.addString("railyard.event.id", id);
      headers.addString("railyard.rule", "bench");
      String value =
          "{\"specversion\":\"1.0\",\"id\":\""
              + id
              + "\",\"source\":\"/bench\",\"type\":\"order.paid\","
              + "\"time\":\"2026-12-03T12:00:00Z\",\"datacontenttype\":\"application/json\","
              + "\"data\":{\"orderId\":"
              + i
              + ",\"amount\":120.5,\"country\":\"FR\"}}";
      records.add(
          new SinkRecord(
              "railyard.to.bench.fn",
              0,
              Schema.STRING_SCHEMA,
              "customer-" + (i % KEYS),
              null,
              value,
              i,
              null,
              null,
              headers));
    }
    return records;
  }

  /** Answers 200 to every request after the latency; counts requests and the events in them. */
  private static final class Endpoint implements AutoCloseable {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    private final int latencyMs;

    Endpoint(int latencyMs) throws IOException {
      this.latencyMs = latencyMs;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      server.setExecutor(threads);
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/fn";
    }

    private void handle(HttpExchange exchange) throws IOException {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      long n = 0;
      for (int i = 0; i + 6 <= body.length; i++) {
        // every event holds "evt-" once, in its id
        if (body[i] == 'e' && body[i + 1] == 'v' && body[i + 2] == 't' && body[i + 3] == '-') {
          n++;
        }
      }
      String id = exchange.getRequestHeaders().getFirst("ce-id");
      events.addAndGet(n == 0 && id != null ? 1 : n);
      requests.incrementAndGet();
      later.schedule(() -> answer(exchange), latencyMs, TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpExchange exchange) {
      try (exchange) {
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException e) {
        // the sink gave up on it; the counts show it
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
      later.shutdownNow();
    }
  }
}
