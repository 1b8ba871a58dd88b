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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP endpoint on an ephemeral local port for one test: records every request it gets and
 * answers 200 unless told otherwise. Register with {@code @RegisterExtension}.
 */
final class LocalEndpoint implements BeforeEachCallback, AfterEachCallback {

  static final Duration WAIT = Duration.ofSeconds(10);

  record Request(String method, String path, Headers headers, String body) {}

  private record Answer(int status, String body) {}

  private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Answer> scripted = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
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
    executor.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The next requests get these answers, in order; later ones get 200 again. */
  void answer(int status, String body) {
    scripted.add(new Answer(status, body));
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
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      received.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              body));
      if (holding) {
        released.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      Answer answer = scripted.poll();
      answer = answer == null ? new Answer(200, "") : answer;
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
