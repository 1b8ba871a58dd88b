package dev.railyard.sinks.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rolls a hidden file into its visible name: compressed into a hidden temporary file, made durable,
 * renamed at once, the folder made durable, and only then the hidden file deleted. Each step can be
 * cut short by a crash and the roll started again from the top: once the visible file exists it is
 * whole.
 */
final class Rolls {

  /** Points where a test stops a roll as a crash would. */
  interface Hooks {
    Hooks NONE = point -> {};

    void at(String point);
  }

  private Rolls() {}

  /** Rolls the first {@code length} bytes of {@code hidden} to {@code visible}. Idempotent. */
  static void roll(Path hidden, long length, Path visible, Compression compression, Hooks hooks)
      throws IOException {
    if (Files.exists(visible)) {
      Files.deleteIfExists(hidden); // rolled before a crash, not yet tidied
      return;
    }
    Path tmp = visible.resolveSibling("." + visible.getFileName() + ".tmp");
    try (FileChannel in = FileChannel.open(hidden, StandardOpenOption.READ);
        InputStream bytes = Channels.newInputStream(in);
        FileOutputStream file = new FileOutputStream(tmp.toFile())) {
      try (OutputStream out = compression.wrap(new Unclosed(file))) {
        copy(bytes, out, length);
      }
      file.getFD().sync();
    }
    hooks.at("compressed");
    Files.move(tmp, visible, StandardCopyOption.ATOMIC_MOVE);
    Durable.syncDirectory(visible.getParent());
    hooks.at("renamed");
    Files.delete(hidden);
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("the file ended " + left + " bytes before its committed length");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  /** Lets a compressor finish its stream without closing the file before its sync. */
  private static final class Unclosed extends java.io.FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
