package dev.railyard.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP endpoint on a free local port standing for a function a rule delivers to: it answers
 * every request with the status it is told (503 for bodies holding a fragment it is told to
 * refuse), counts the attempts per event id (the {@code X-Railyard-Event-Id} header), keeps the
 * rule and target each request named ({@code X-Railyard-Rule}, {@code X-Railyard-Target}) and the
 * bodies it accepted.
 */
final class Endpoint implements AutoCloseable {

  private final HttpServer server;
  private volatile int status;
  private volatile String refused = null;
  private volatile long delayMillis;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
  private final List<String> routes = new CopyOnWriteArrayList<>();

  private Endpoint(HttpServer server, int status) {
    this.server = server;
    this.status = status;
  }

  static Endpoint start(int status) throws IOException {
    // without it the JDK's server writes the status line and the body in two segments and the
    // second waits for the client's delayed ACK: 40 ms more per request than the function takes
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Endpoint endpoint = new Endpoint(server, status);
    server.createContext(
        "/fn",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          endpoint.authorizations.add(authorization == null ? "(none)" : authorization);
          String id = exchange.getRequestHeaders().getFirst("X-Railyard-Event-Id");
          if (id != null) {
            endpoint.attempts.merge(id, 1, Integer::sum);
          }
          endpoint.routes.add(
              exchange.getRequestHeaders().getFirst("X-Railyard-Rule")
                  + "."
                  + exchange.getRequestHeaders().getFirst("X-Railyard-Target"));
          // a slow function answers after its work: the answer is scheduled, no thread waits
          long delay = endpoint.delayMillis;
          if (delay > 0) {
            endpoint.answers.schedule(
                () -> endpoint.answer(exchange, body), delay, TimeUnit.MILLISECONDS);
          } else {
            endpoint.answer(exchange, body);
          }
        });
    // requests are answered in parallel, as a function with many instances would
    server.setExecutor(endpoint.executor);
    server.start();
    return endpoint;
  }

  private void answer(HttpExchange exchange, String body) {
    String refuse = refused;
    int answer = refuse != null && body.contains(refuse) ? 503 : status;
    if (answer / 100 == 2) {
      delivered.add(body);
    }
    byte[] reply = (answer / 100 == 2 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
    try {
      exchange.sendResponseHeaders(answer, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    } catch (IOException e) {
      exchange.close(); // the client gave up: nothing to answer
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fn";
  }

  /** Answers each request only after {@code millis}, like a slow function. */
  void delay(long millis) {
    this.delayMillis = millis;
  }

  void answer(int status) {
    this.status = status;
  }

  /** Answers 503 to every body holding {@code fragment}; null to stop. */
  void refuse(String fragment) {
    this.refused = fragment;
  }

  Map<String, Integer> attemptsById() {
    return Map.copyOf(attempts);
  }

  /** Every Authorization header it was sent ("(none)" for requests without one). */
  Set<String> authorizations() {
    return Set.copyOf(authorizations);
  }

  /** Per request, in order, its X-Railyard-Rule and X-Railyard-Target as rule.target. */
  List<String> routes() {
    return new ArrayList<>(routes);
  }

  List<String> delivered() {
    return new ArrayList<>(delivered);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    answers.shutdownNow();
  }
}
