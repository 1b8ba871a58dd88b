package dev.railyard.benchmarks.routing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

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
   * Waits until the files hold {@code expected} lines in all, or gives up after {@code timeout}
   * without progress.
   */
  Span await(long expected, Duration timeout, LongSupplier cpuNanos)
      throws IOException, InterruptedException {
    long first = -1;
    long cpuFirst = 0;
    long firstLines = 0;
    long progressAt = System.nanoTime();
    long seen = 0;
    while (true) {
      long total = count();
      long now = System.nanoTime();
      if (total > 0 && first < 0) {
        first = now;
        cpuFirst = cpuNanos.getAsLong();
        firstLines = total;
      }
      if (total > seen) {
        seen = total;
        progressAt = now;
      }
      if (total >= expected) {
        return new Span(first, now, firstLines, total, cpuFirst, cpuNanos.getAsLong());
      }
      if (now - progressAt > timeout.toNanos()) {
        throw new IOException(
            "only " + total + " of " + expected + " lines after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(20);
    }
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
