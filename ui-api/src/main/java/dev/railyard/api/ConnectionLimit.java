package dev.railyard.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the open connections of the API server: one over the bound is closed as soon as Vert.x
 * makes it an HTTP connection, which is when its first bytes arrive. A socket that never sends
 * anything is not counted; the idle timeout closes it. Thread-safe.
 */
final class ConnectionLimit implements Handler<HttpConnection> {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionLimit(int max) {
    this.max = max;
  }

  @Override
  public void handle(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      LOG.warn(
          "Refused a connection from {}: {} are open already", connection.remoteAddress(), max);
      connection.close();
      return;
    }
    connection.closeHandler(closed -> open.decrementAndGet());
  }
}
