package dev.railyard.benchmarks.routing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.awaitility.Awaitility;

/**
 * The files FileStreamSinks write, watched until they hold what they should: the lines counted as
 * they grow (reading only the bytes added since the last look), the time of the first line seen and
 * of the last. Not thread-safe.
 */
final class Outputs {

  private final List<Path> files;
  private final long[] read;
  private final long[] lines;

  Outputs(List<Path> files) {
    this.files = List.copyOf(files);
    this.read = new long[files.size()];
    this.lines = new long[files.size()];
  }

  /**
   * When the first line came and when the last expected one did, in {@link System#nanoTime}, and
   * the CPU time of what was measured at both.
   */
  record Span(long first, long last, long firstLines, long lines, long cpuFirst, long cpuLast) {

    /** Lines a second between the first look that saw any and the last. */
    double rate() {
      return (lines - firstLines) / ((last - first) / 1e9);
    }

    /** CPU µs a line over the same span. */
    double cpuMicrosPerLine() {
      return (cpuLast - cpuFirst) / 1e3 / (lines - firstLines);
    }
  }

  /**
   * Waits until the files hold {@code expected} lines in all, looking every 20 ms (the resolution
   * of the figures), failing when {@code stall} passes without a new line.
   */
  Span await(long expected, Duration stall, LongSupplier cpuNanos) {
    long[] first = {-1, 0, 0}; // when, CPU then, lines then
    long[] progress = {System.nanoTime(), 0}; // when, lines then
    long[] done = new long[2]; // when, lines
    Awaitility.await(expected + " lines in " + files)
        .atMost(Duration.ofHours(1))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .failFast(
            "no new line for " + stall.toSeconds() + " s",
            () -> System.nanoTime() - progress[0] > stall.toNanos())
        .until(
            () -> {
              long total = count();
              long now = System.nanoTime();
              if (total > 0 && first[0] < 0) {
                first[0] = now;
                first[1] = cpuNanos.getAsLong();
                first[2] = total;
              }
              if (total > progress[1]) {
                progress[0] = now;
                progress[1] = total;
              }
              done[0] = now;
              done[1] = total;
              return total >= expected;
            });
    return new Span(first[0], done[0], first[2], done[1], first[1], cpuNanos.getAsLong());
  }

  private long count() throws IOException {
    long total = 0;
    byte[] buffer = new byte[1 << 20];
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (Files.exists(f)) {
        try (RandomAccessFile in = new RandomAccessFile(f.toFile(), "r")) {
          in.seek(read[i]);
          int n;
          while ((n = in.read(buffer)) > 0) {
            for (int b = 0; b < n; b++) {
              if (buffer[b] == '\n') {
                lines[i]++;
              }
            }
            read[i] += n;
          }
        }
      }
      total += lines[i];
    }
    return total;
  }
}
