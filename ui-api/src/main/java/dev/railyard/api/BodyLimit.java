package dev.railyard.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body stream that fails once more than a limit of bytes went through, for bodies whose
 * size is not declared up front (chunked). Past the limit, data is dropped and the exception
 * handler receives a 413 {@link ApiException}. Confined to the request's event loop.
 */
final class BodyLimit implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final long maxBytes;
  private long seen;
  private boolean exceeded;
  private Handler<Throwable> exceptionHandler;

  BodyLimit(ReadStream<Buffer> source, long maxBytes) {
    this.source = source;
    this.maxBytes = maxBytes;
  }

  /** Whether the body went over the limit. */
  boolean exceeded() {
    return exceeded;
  }

  @Override
  public BodyLimit handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : chunk -> accept(chunk, handler));
    return this;
  }

  private void accept(Buffer chunk, Handler<Buffer> handler) {
    if (exceeded) {
      return;
    }
    seen += chunk.length();
    if (seen <= maxBytes) {
      handler.handle(chunk);
      return;
    }
    exceeded = true;
    if (exceptionHandler != null) {
      exceptionHandler.handle(ErrorRoutes.tooLarge(maxBytes));
    }
  }

  @Override
  public BodyLimit exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public BodyLimit endHandler(Handler<Void> handler) {
    source.endHandler(handler == null ? null : ignored -> end(handler));
    return this;
  }

  private void end(Handler<Void> handler) {
    if (!exceeded) {
      handler.handle(null);
    }
  }

  @Override
  public BodyLimit pause() {
    source.pause();
    return this;
  }

  @Override
  public BodyLimit resume() {
    source.resume();
    return this;
  }

  @Override
  public BodyLimit fetch(long amount) {
    source.fetch(amount);
    return this;
  }
}
