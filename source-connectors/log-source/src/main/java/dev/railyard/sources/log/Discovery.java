package dev.railyard.sources.log;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files a task reads: its patterns matched at start, again on every file-system event in a
 * watched folder and every {@code log.rescan.interval.ms} besides (events can be missed, and a
 * folder that does not exist yet cannot be watched). {@link #await} is the task's idle wait: it
 * returns as soon as a watched folder changes. Used by the task thread; {@link #close} from any.
 */
final class Discovery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Discovery.class);

  private final Globs globs;
  private final long rescanMs;
  private final WatchService watcher;
  private final Set<Path> watched = new HashSet<>();
  private long nextScan;
  private volatile boolean changed = true;
  // without file-system events, the idle pause waits on this, released by close() so a stopping
  // task does not sit out its pause
  private final java.util.concurrent.CountDownLatch closed =
      new java.util.concurrent.CountDownLatch(1);

  Discovery(Globs globs, long rescanMs) {
    this.globs = globs;
    this.rescanMs = rescanMs;
    WatchService w;
    try {
      w = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      log.warn("no file-system events ({}): files are found by rescans only", e.toString());
      w = null;
    }
    this.watcher = w;
  }

  /**
   * The files matched now, when a scan is due (a change seen or the interval passed); else null.
   */
  Set<Path> scanIfDue(long now, Set<Path> folders) {
    if (!changed && now < nextScan) {
      return null;
    }
    changed = false;
    nextScan = now + rescanMs;
    Set<Path> found = globs.scan();
    Set<Path> dirs = new HashSet<>(globs.bases());
    dirs.addAll(folders);
    found.forEach(f -> dirs.add(f.toAbsolutePath().getParent()));
    dirs.forEach(this::watch);
    return found;
  }

  private void watch(Path dir) {
    if (watcher == null || watched.contains(dir) || !Files.isDirectory(dir)) {
      return;
    }
    try {
      dir.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      watched.add(dir);
    } catch (IOException | ClosedWatchServiceException e) {
      log.debug("cannot watch {}: found by rescans", dir, e);
    }
  }

  /** Waits up to {@code millis} for a change in a watched folder; true if one came. */
  boolean await(long millis) throws InterruptedException {
    if (watcher == null) {
      closed.await(millis, TimeUnit.MILLISECONDS); // no events to wait on: the poll's idle pause
      return false;
    }
    try {
      WatchKey key = watcher.poll(millis, TimeUnit.MILLISECONDS);
      if (key == null) {
        return false;
      }
      do {
        // a new or removed file needs a scan; a write only wakes the poll
        for (var event : key.pollEvents()) {
          if (event.kind() != StandardWatchEventKinds.ENTRY_MODIFY) {
            changed = true;
          }
        }
        if (!key.reset()) {
          watched.remove((Path) key.watchable());
        }
        key = watcher.poll();
      } while (key != null);
      return true;
    } catch (ClosedWatchServiceException e) {
      return false;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        // closing only
      }
    }
  }
}
