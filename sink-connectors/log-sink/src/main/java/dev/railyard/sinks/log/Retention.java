package dev.railyard.sinks.log;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long rolled files are kept, per partition: at most {@code maxFiles} files, {@code maxBytes}
 * bytes, each at most {@code maxAge} old (0 for no limit); the oldest go first. Immutable.
 */
record Retention(int maxFiles, long maxBytes, Duration maxAge) {

  /** A rolled file, as retention sees it. */
  record Rolled(Path path, long first, long size, Instant rolled) {}

  /** The files to delete, oldest first, of {@code files} sorted oldest first. */
  List<Rolled> expired(List<Rolled> files, Instant now) {
    long total = files.stream().mapToLong(Rolled::size).sum();
    int count = files.size();
    List<Rolled> out = new ArrayList<>();
    for (Rolled f : files) {
      boolean tooMany = maxFiles > 0 && count > maxFiles;
      boolean tooBig = maxBytes > 0 && total > maxBytes;
      boolean tooOld = !maxAge.isZero() && Duration.between(f.rolled(), now).compareTo(maxAge) >= 0;
      if (!tooMany && !tooBig && !tooOld) {
        break;
      }
      out.add(f);
      count--;
      total -= f.size();
    }
    return out;
  }
}
