package dev.railyard.sinks.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The commit point of one partition, written atomically after the files it names are on disk: every
 * record before {@code next} is in the files, each once, and nothing from {@code next} on. Open
 * files hold their first {@code length} bytes; a file in {@code rolling} is being rolled to {@code
 * to}, and a restart finishes the roll.
 *
 * @param next the offset of the first record not in the files
 * @param open the hidden files being written, with the length committed
 * @param rolling the files being rolled
 * @param seen the keys (source and id) of the latest events in the files, oldest first
 */
record Checkpoint(long next, List<FileState> open, List<Roll> rolling, List<String> seen) {

  /**
   * A hidden file; {@code path} relative to the sink's directory.
   *
   * @param created when its first line was written, epoch milliseconds
   */
  record FileState(String path, long first, long last, long length, long created) {}

  /** A file being rolled to {@code to} (relative to the sink's directory). */
  record Roll(FileState file, String to) {}

  /** The checkpoint in {@code file}, or null when there is none. */
  static Checkpoint read(Path file) throws IOException {
    try {
      return RecordContent.JSON.readValue(Files.readAllBytes(file), Checkpoint.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  void write(Path file) throws IOException {
    Durable.createDirectories(file.getParent().getParent(), file.getParent());
    Durable.replace(file, RecordContent.JSON.writeValueAsBytes(this));
  }
}
