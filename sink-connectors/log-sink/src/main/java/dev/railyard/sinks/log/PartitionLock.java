package dev.railyard.sinks.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The right to write one partition's files: an exclusive lock on {@code
 * .log-sink/<topic>-<partition>.lock}, so that a task that lost the partition but still runs (a
 * zombie worker after a rebalance) and its new owner never write them at once. Between processes it
 * is the operating system's file lock ({@link FileChannel#tryLock}), which a killed process loses;
 * within one JVM, where such locks are the process's and closing any channel of the file may drop
 * them, a set of the lock files held keeps a second task from even opening one. Thread-safe.
 */
final class PartitionLock implements AutoCloseable {

  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private PartitionLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  static Path path(Path root, TopicPartition tp) {
    return root.resolve(LogFiles.STATE_DIR).resolve(tp.topic() + "-" + tp.partition() + ".lock");
  }

  /** The partition's lock, or null while another task, here or in another process, holds it. */
  static PartitionLock tryTake(Path root, TopicPartition tp) throws IOException {
    Path given = path(root, tp);
    // one name per file, links followed, so the set sees every task of this JVM on it
    Path path =
        Files.createDirectories(given.getParent()).toRealPath().resolve(given.getFileName());
    if (!HELD.add(path)) {
      return null;
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new PartitionLock(path, channel, lock);
      }
    } catch (OverlappingFileLockException e) {
      // held in this JVM through another path to the same file
    } catch (IOException | RuntimeException e) {
      release(path, channel);
      throw e;
    }
    release(path, channel);
    return null;
  }

  private static void release(Path path, FileChannel channel) throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      HELD.remove(path);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      release(path, channel);
    }
  }
}
