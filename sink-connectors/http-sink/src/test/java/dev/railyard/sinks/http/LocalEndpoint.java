package dev.railyard.sinks.http;

import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP endpoint on an ephemeral local port for one test: records every request it gets and
 * answers 200 unless told otherwise, at once or after a latency; it can also answer with headers
 * (Retry-After) or drop a connection unanswered (a reset). Register with
 * {@code @RegisterExtension}.
 */
final class LocalEndpoint implements BeforeEachCallback, AfterEachCallback {

  static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * @param arrived {@link System#nanoTime} when the request was read
   * @param status the answer it got, 0 for none (a reset)
   */
  record Request(
      String method, String path, Headers headers, byte[] bytes, long arrived, int status) {

    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** An answer; status 0 drops the connection without one (a reset). */
  private record Answer(int status, String body, Map<String, String> headers, Duration after) {
    Answer(int status, String body, Map<String, String> headers) {
      this(status, body, headers, null);
    }
  }

  private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Answer> scripted = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpen = new AtomicInteger();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean holding;
  private HttpServer server;
  private ExecutorService executor;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
    later.shutdownNow();
    executor.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The next requests get these answers, in order; later ones get 200 again. */
  void answer(int status, String body) {
    scripted.add(new Answer(status, body, Map.of()));
  }

  /** The next request gets this answer with these headers. */
  void answer(int status, String body, Map<String, String> headers) {
    scripted.add(new Answer(status, body, headers));
  }

  /** The next request is answered 200, but only this long after it was read (a slow answer). */
  void answerSlowly(Duration after) {
    scripted.add(new Answer(200, "", Map.of(), after));
  }

  /** The next request's connection is dropped without an answer. */
  void reset() {
    scripted.add(new Answer(0, "", Map.of()));
  }

  /** Every answer from now on comes this long after its request was read. */
  void latency(Duration latency) {
    this.latency = latency;
  }

  /** The most requests that were waiting for their answers at once. */
  int mostInFlight() {
    return mostOpen.get();
  }

  /** Every request received so far and not yet taken by {@link #next()}, taking them. */
  List<Request> drain() {
    List<Request> all = new ArrayList<>();
    received.drainTo(all);
    return all;
  }

  /** Requests get no answer until the test ends. */
  void holdAnswers() {
    holding = true;
  }

  Request next() throws InterruptedException {
    Request request = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      fail("no request reached the endpoint within " + WAIT.toSeconds() + " s");
    }
    return request;
  }

  /** Requests received so far and not yet taken by {@link #next()}. */
  int pending() {
    return received.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    Answer answer = scripted.poll();
    Answer given = answer == null ? new Answer(200, "", Map.of()) : answer;
    received.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders(),
            body,
            System.nanoTime(),
            given.status()));
    if (holding) {
      try {
        released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Duration delay = given.after() != null ? given.after() : latency;
    if (delay.isZero()) {
      respond(exchange, given);
    } else {
      later.schedule(() -> respond(exchange, given), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private void respond(HttpExchange exchange, Answer answer) {
    open.decrementAndGet();
    try (exchange) {
      if (answer.status() == 0) {
        // closing the exchange before any answer drops the connection
        return;
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }
}
