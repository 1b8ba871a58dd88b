package dev.railyard.sinks.log;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rolled files of one partition, and their deletion under its {@link Retention}: the oldest
 * first, with the folders that are left empty. Never an open file. Not thread-safe.
 */
final class RolledFiles {

  private final Path root;
  private final Retention retention;
  private final Map<Path, Retention.Rolled> files = new HashMap<>();

  RolledFiles(Path root, Retention retention) {
    this.root = root;
    this.retention = retention;
  }

  void add(Retention.Rolled file) {
    files.put(file.path(), file);
  }

  /** Deletes what retention no longer keeps at {@code now}. */
  void expire(Instant now) throws IOException {
    for (Retention.Rolled f : retention.expired(oldestFirst(), now)) {
      Files.deleteIfExists(f.path());
      files.remove(f.path());
      removeEmptyFolders(f.path().getParent());
    }
  }

  private List<Retention.Rolled> oldestFirst() {
    List<Retention.Rolled> sorted = new ArrayList<>(files.values());
    sorted.sort(Comparator.comparingLong(Retention.Rolled::first));
    return sorted;
  }

  private void removeEmptyFolders(Path dir) throws IOException {
    while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
      dir = dir.getParent();
    }
  }

  /** The files kept, oldest first. */
  List<Path> paths() {
    return oldestFirst().stream().map(Retention.Rolled::path).toList();
  }
}
