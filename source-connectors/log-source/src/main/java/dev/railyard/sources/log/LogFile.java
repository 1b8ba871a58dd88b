package dev.railyard.sources.log;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * One open file of a log, read forward from a position: a plain file through a channel (which keeps
 * reading the same inode after a rename or unlink), or a rotated {@code .gz} through gzip. Not
 * thread-safe.
 */
final class LogFile implements AutoCloseable {

  private final Path path;
  private final Object inode;
  private final FileChannel channel;
  private final InputStream gzip;
  private long position;

  private LogFile(Path path, Object inode, FileChannel channel, InputStream gzip, long position) {
    this.path = path;
    this.inode = inode;
    this.channel = channel;
    this.gzip = gzip;
    this.position = position;
  }

  static boolean isGzip(Path path) {
    return path.getFileName().toString().endsWith(".gz");
  }

  /** Opens a file to read from {@code position}; a .gz at or past its end reads nothing. */
  static LogFile open(Path path, long position) throws IOException {
    Object inode = inodeOf(path);
    if (isGzip(path)) {
      InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path)));
      long skipped = skip(in, position);
      return new LogFile(path, inode, null, in, skipped);
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    // renamed between reading its inode and opening it: the channel may be on another file
    for (int attempt = 0; attempt < 10; attempt++) {
      Object now = inodeOf(path);
      if (Objects.equals(inode, now)) {
        break;
      }
      channel.close();
      inode = now;
      channel = FileChannel.open(path, StandardOpenOption.READ);
    }
    channel.position(position);
    return new LogFile(path, inode, channel, null, position);
  }

  private static long skip(InputStream in, long n) throws IOException {
    long done = 0;
    byte[] sink = new byte[8192];
    while (done < n) {
      int r = in.read(sink, 0, (int) Math.min(sink.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  /** The file key (inode and device on Unix), or null where the file system has none. */
  static Object inodeOf(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  /**
   * Up to {@code n} first bytes of a file, decompressed for a .gz (an incomplete .gz, still being
   * written, gives what it has so far).
   */
  static byte[] firstBytes(Path path, int n) throws IOException {
    try (InputStream in =
        isGzip(path)
            ? new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path)))
            : Files.newInputStream(path)) {
      return in.readNBytes(n);
    } catch (EOFException e) {
      return new byte[0];
    }
  }

  /** Reads on into {@code buffer}; -1 at the end for now. */
  int read(ByteBuffer buffer) throws IOException {
    int n;
    if (channel != null) {
      n = channel.read(buffer);
    } else {
      try {
        n = gzip.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      } catch (EOFException e) {
        n = -1; // a truncated .gz: what it held is read
      }
      if (n > 0) {
        buffer.position(buffer.position() + n);
      }
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  /** The plain file's size now; for a .gz, what has been read of it. */
  long size() throws IOException {
    return channel != null ? channel.size() : position;
  }

  boolean compressed() {
    return channel == null;
  }

  long position() {
    return position;
  }

  Path path() {
    return path;
  }

  Object inode() {
    return inode;
  }

  /** The first bytes of this very file (the same inode), up to {@code n}; plain files only. */
  byte[] headNow(int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // positional reads leave the reading position alone
    }
    byte[] out = new byte[buffer.position()];
    buffer.flip().get(out);
    return out;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    } else {
      gzip.close();
    }
  }
}
