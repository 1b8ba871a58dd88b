package dev.railyard.host.events;

import dev.railyard.host.config.LimitsConfig;
import dev.railyard.host.config.RailyardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The free space PutEvents keeps on the disk of the embedded broker's data: below it, events are
 * refused (the API answers 503) until space returns, so that the broker never runs out. A broker
 * whose log directory fails for want of space stops at once, and the embedded broker runs in the
 * control plane's JVM: Kafka would halt Railyard with it. Asked per PutEvents call; the answer is
 * the file system's at that moment, so refusals end by themselves once space is freed. Thread-safe.
 */
public final class DiskReserve implements Supplier<String> {

  private final FileStore store;
  private final Path dir;
  private final long minFreeBytes;
  private final String setting;

  /**
   * The reserve of a deployment: the embedded broker's, {@code data.dir/kafka}, of {@link
   * LimitsConfig#DISK_RESERVE_CONFIG}; none for an external cluster, whose disks are its brokers'.
   */
  public static Supplier<String> of(RailyardConfig config, boolean embeddedBroker) {
    if (!embeddedBroker) {
      return () -> null;
    }
    return new DiskReserve(
        config.dataDir().toAbsolutePath().normalize().resolve("kafka"),
        config.getLong(LimitsConfig.DISK_RESERVE_CONFIG),
        LimitsConfig.DISK_RESERVE_CONFIG);
  }

  /**
   * @param dir the broker's data directory, which must exist
   * @param minFreeBytes the reserve; 0 refuses nothing
   * @param setting the setting that holds the reserve, for the refusal's message
   */
  public DiskReserve(Path dir, long minFreeBytes, String setting) {
    try {
      this.store = Files.getFileStore(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find the disk of " + dir, e);
    }
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
    this.setting = setting;
  }

  /** Null while the disk has the reserve free, else why events are refused. */
  @Override
  public String get() {
    if (minFreeBytes == 0) {
      return null;
    }
    long free;
    try {
      free = store.getUsableSpace();
    } catch (IOException e) {
      return "the free space of the embedded broker's disk (" + dir + ") is unknown: " + e;
    }
    if (free >= minFreeBytes) {
      return null;
    }
    return "the embedded broker's disk has "
        + mebibytes(free)
        + " free, less than "
        + setting
        + " ("
        + mebibytes(minFreeBytes)
        + "); events are refused until space is freed on "
        + dir;
  }

  private static String mebibytes(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
