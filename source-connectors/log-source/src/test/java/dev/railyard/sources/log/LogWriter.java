package dev.railyard.sources.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An application writing numbered lines ({@code 00000042 xxxx...}) at a steady rate, each line one
 * append (O_APPEND, as copytruncate needs). Like an application told to reopen its log after a
 * rotation by rename (logrotate's postrotate), it reopens the path when it names another file.
 */
final class LogWriter implements AutoCloseable {

  private final Path path;
  private final long pauseNanos;
  private final AtomicInteger written = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  private LogWriter(Path path, int linesPerSecond) {
    this.path = path;
    this.pauseNanos = 1_000_000_000L / linesPerSecond;
    this.thread = new Thread(this::run, "log-writer");
  }

  static LogWriter start(Path path, int linesPerSecond) {
    LogWriter w = new LogWriter(path, linesPerSecond);
    w.thread.start();
    return w;
  }

  static String line(int n) {
    return "%08d %s%n".formatted(n, "x".repeat(20 + n % 17));
  }

  private void run() {
    FileChannel out = null;
    Object inode = null;
    try {
      while (running) {
        // renamed away and not created again yet: logrotate creates it, the writer goes on
        Object now = inodeOf(path);
        if (out == null || now != null && !Objects.equals(now, inode)) {
          if (out != null) {
            out.close();
          }
          out = open();
          inode = inodeOf(path);
        }
        out.write(ByteBuffer.wrap(line(written.get()).getBytes(StandardCharsets.UTF_8)));
        written.incrementAndGet();
        LockSupport.parkNanos(pauseNanos);
      }
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      failure = new UncheckedIOException(e);
    }
  }

  private FileChannel open() throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static Object inodeOf(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Lines written so far: numbers 0 to this minus one. */
  int written() {
    return written.get();
  }

  /** Stops writing; the number of lines written. */
  int stop() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return written.get();
  }

  @Override
  public void close() {
    stop();
  }
}
