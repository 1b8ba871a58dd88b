package dev.railyard.sinks.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The files of one topic partition: a hidden file open per folder, full files waiting for their
 * roll, the rolled files retention looks after, and the {@link Checkpoint} that says what is
 * committed. A commit makes every open file durable, then writes the checkpoint (the commit point:
 * the records before {@code next}, each in exactly one file), then rolls, so a rolled file only
 * ever holds committed records. Recovery cuts every file back to the checkpoint. Not thread-safe.
 */
final class PartitionLog {

  /** What every partition's files share. */
  record Settings(
      Path root,
      long rollBytes,
      Duration rollInterval,
      Compression compression,
      Retention retention,
      int dedupeWindow,
      Clock clock,
      Rolls.Hooks hooks) {}

  private final Settings s;
  private final TopicPartition tp;
  private final Path statePath;
  private final Map<String, OpenFile> open = new LinkedHashMap<>();
  private final List<OpenFile> full = new ArrayList<>();
  private final List<Checkpoint.Roll> rolling = new ArrayList<>();
  private final RolledFiles rolled;
  private final Set<Path> unsyncedFolders = new HashSet<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();
  private long next;
  private boolean dirty;

  private PartitionLog(Settings s, TopicPartition tp, long next) {
    this.s = s;
    this.tp = tp;
    this.statePath = LogFiles.statePath(s.root(), tp);
    this.rolled = new RolledFiles(s.root(), s.retention());
    this.next = next;
  }

  /**
   * The partition's files as its last checkpoint left them: a roll it began finished, open files
   * cut to their committed length, hidden files written after it deleted.
   *
   * @param found the partition's files on disk
   */
  static PartitionLog recover(Settings s, TopicPartition tp, List<LogFiles.Found> found)
      throws IOException {
    Checkpoint checkpoint = Checkpoint.read(LogFiles.statePath(s.root(), tp));
    PartitionLog log = new PartitionLog(s, tp, checkpoint == null ? -1 : checkpoint.next());
    for (LogFiles.Found f : found) {
      if (f.rolled()) {
        log.rolled.add(new Retention.Rolled(f.path(), f.first(), f.size(), f.modified()));
      }
    }
    Set<Path> kept = new HashSet<>();
    if (checkpoint != null) {
      if (checkpoint.seen() != null) {
        checkpoint.seen().forEach(log::remember);
      }
      for (Checkpoint.Roll roll : checkpoint.rolling()) {
        log.rolling.add(roll);
      }
      log.finishRolls();
      for (Checkpoint.FileState state : checkpoint.open()) {
        Path path = s.root().resolve(state.path());
        if (!Files.exists(path)) {
          throw new ConnectException(
              "The file "
                  + path
                  + " the log sink was writing for "
                  + tp
                  + " is gone; its records are lost. Restore it, or delete "
                  + log.statePath
                  + " to start the partition afresh from the connector's committed offset");
        }
        OpenFile file = OpenFile.reopen(s.root(), state);
        kept.add(file.path());
        log.keep(file);
      }
    }
    for (LogFiles.Found f : found) {
      if (!f.rolled() && !kept.contains(f.path())) {
        // written after the checkpoint, or a roll's unfinished copy: nothing committed
        Files.deleteIfExists(f.path());
      }
    }
    if (checkpoint != null) {
      log.checkpoint().write(log.statePath);
    }
    log.applyRetention();
    return log;
  }

  private void keep(OpenFile file) {
    if (file.length() >= s.rollBytes()) {
      full.add(file);
    } else {
      open.put(file.folder(), file);
    }
  }

  /** The offset of the first record not in the files; -1 before the first record. */
  long next() {
    return next;
  }

  /** Whether the record at {@code offset} is in the files already (Connect handing it again). */
  boolean holds(long offset) {
    return next >= 0 && offset < next;
  }

  /**
   * Writes a record's line into the open file of its folder, beginning one when there is none.
   *
   * @param key the event's source and id, to know it again; null for a plain value
   */
  void append(String folder, long offset, byte[] line, String key) throws IOException {
    OpenFile file = open.get(folder);
    if (file == null) {
      file = create(folder, offset);
      open.put(folder, file);
    }
    file.append(line, offset);
    next = offset + 1;
    dirty = true;
    remember(key);
    if (file.length() >= s.rollBytes()) {
      open.remove(folder);
      full.add(file);
    }
  }

  private OpenFile create(String folder, long offset) throws IOException {
    Path dir = folder.isEmpty() ? s.root() : s.root().resolve(folder);
    Path path = dir.resolve(LogFiles.inProgressName(tp, offset));
    for (int attempt = 0; ; attempt++) {
      Durable.createDirectories(s.root(), dir);
      try {
        OpenFile file = OpenFile.create(path, folder, offset, s.clock().millis());
        unsyncedFolders.add(dir);
        return file;
      } catch (NoSuchFileException e) {
        if (attempt > 0) {
          throw e;
        }
        // another task's retention removed the folder as it was emptied: make it again
      }
    }
  }

  /** Whether an event of this key (its source and id) is among the latest events written. */
  boolean seen(String key) {
    return seen.contains(key);
  }

  private void remember(String key) {
    if (key == null || s.dedupeWindow() == 0) {
      return;
    }
    seen.add(key);
    if (seen.size() > s.dedupeWindow()) {
      Iterator<String> oldest = seen.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Passes over a record that has no line (a tombstone) or that is written already. */
  void skip(long offset) {
    next = offset + 1;
    dirty = true;
  }

  /** Whether a file is full or old enough to be rolled at the next commit. */
  boolean rollDue() {
    return !full.isEmpty() || open.values().stream().anyMatch(this::old);
  }

  private boolean old(OpenFile f) {
    return s.clock().millis() - f.created() >= s.rollInterval().toMillis();
  }

  /**
   * Makes what was written durable and commits it, then rolls the files that are due.
   *
   * @return the offset Connect may commit for the partition, -1 for none
   */
  long commit() throws IOException {
    if (!dirty && !rollDue() && rolling.isEmpty()) {
      applyRetention();
      return next;
    }
    for (OpenFile f : open.values()) {
      f.sync();
    }
    for (OpenFile f : full) {
      f.sync();
    }
    for (Path dir : unsyncedFolders) {
      Durable.syncDirectory(dir);
    }
    unsyncedFolders.clear();
    s.hooks().at("synced");
    List<OpenFile> due = new ArrayList<>(full);
    full.clear();
    open.values().removeIf(f -> old(f) && due.add(f));
    for (OpenFile f : due) {
      f.close();
      Path visible =
          f.path().resolveSibling(LogFiles.rolledName(tp, f.first(), f.last(), s.compression()));
      rolling.add(new Checkpoint.Roll(f.state(s.root()), s.root().relativize(visible).toString()));
    }
    checkpoint().write(statePath);
    dirty = false;
    s.hooks().at("checkpointed");
    if (!rolling.isEmpty()) {
      finishRolls();
      checkpoint().write(statePath);
    }
    applyRetention();
    return next;
  }

  private void finishRolls() throws IOException {
    while (!rolling.isEmpty()) {
      Checkpoint.Roll roll = rolling.get(0);
      Path visible = s.root().resolve(roll.to());
      Compression compression = Compression.ofName(roll.to());
      Path hidden = s.root().resolve(roll.file().path());
      if (!Files.exists(visible) && !Files.exists(hidden)) {
        throw new ConnectException(
            "The file " + hidden + " the log sink was rolling to " + visible + " is gone");
      }
      Rolls.roll(hidden, roll.file().length(), visible, compression, s.hooks());
      Instant now = s.clock().instant();
      Files.setLastModifiedTime(visible, FileTime.from(now));
      rolled.add(new Retention.Rolled(visible, roll.file().first(), Files.size(visible), now));
      rolling.remove(0);
    }
  }

  private Checkpoint checkpoint() {
    List<Checkpoint.FileState> files = new ArrayList<>();
    open.values().forEach(f -> files.add(f.state(s.root())));
    full.forEach(f -> files.add(f.state(s.root())));
    return new Checkpoint(next, files, List.copyOf(rolling), List.copyOf(seen));
  }

  private void applyRetention() throws IOException {
    rolled.expire(s.clock().instant());
  }

  /** Closes the open files without committing (a commit comes first where one is wanted). */
  void close() throws IOException {
    for (OpenFile f : open.values()) {
      f.close();
    }
    for (OpenFile f : full) {
      f.close();
    }
  }
}
