package dev.railyard.sinks.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hidden file being written, for one folder and one partition. Lines are buffered and written at
 * the position after the last whole line, so a failed write is overwritten by the next one and
 * never leaves half a line in the middle. Not thread-safe.
 */
final class OpenFile {

  private static final int BUFFER_BYTES = 8 * 1024;

  private final Path path;
  private final String folder;
  private final long first;
  private final long created;
  private final FileChannel channel;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private long last;
  private long length; // whole lines, written or buffered
  private long written; // of which on the channel

  private OpenFile(Path path, String folder, long first, long last, long length, long created)
      throws IOException {
    this.path = path;
    this.folder = folder;
    this.first = first;
    this.last = last;
    this.length = length;
    this.written = length;
    this.created = created;
    this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    // whatever lies past the last committed line was never committed: cut it
    channel.truncate(length);
  }

  /** A new file; one of the same name left by a crash holds nothing committed and is emptied. */
  static OpenFile create(Path path, String folder, long first, long now) throws IOException {
    return new OpenFile(path, folder, first, first, 0, now);
  }

  /** A file of a checkpoint, cut back to what the checkpoint holds. */
  static OpenFile reopen(Path root, Checkpoint.FileState state) throws IOException {
    Path path = root.resolve(state.path());
    Path parent = root.relativize(path.getParent());
    return new OpenFile(
        path, parent.toString(), state.first(), state.last(), state.length(), state.created());
  }

  void append(byte[] line, long offset) throws IOException {
    buffer.write(line);
    length += line.length;
    last = offset;
    if (buffer.size() >= BUFFER_BYTES) {
      flush();
    }
  }

  void flush() throws IOException {
    if (buffer.size() == 0) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
    long at = written;
    while (bytes.hasRemaining()) {
      at += channel.write(bytes, at);
    }
    written = at;
    buffer.reset();
  }

  /** Writes what is buffered and waits until it is on disk. */
  void sync() throws IOException {
    flush();
    channel.force(false);
  }

  void close() throws IOException {
    channel.close();
  }

  Checkpoint.FileState state(Path root) {
    return new Checkpoint.FileState(root.relativize(path).toString(), first, last, length, created);
  }

  Path path() {
    return path;
  }

  String folder() {
    return folder;
  }

  long first() {
    return first;
  }

  long last() {
    return last;
  }

  long length() {
    return length;
  }

  long created() {
    return created;
  }
}
