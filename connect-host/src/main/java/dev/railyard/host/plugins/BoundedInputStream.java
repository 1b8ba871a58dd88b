package dev.railyard.host.plugins;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Exactly {@code length} bytes of another stream; ending early is an {@link EOFException}. */
final class BoundedInputStream extends InputStream {

  private final InputStream in;
  private long remaining;

  BoundedInputStream(InputStream in, long length) {
    this.in = in;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("the archive ends inside a file (truncated?)");
    }
    remaining -= n;
    return n;
  }

  @Override
  public void close() {
    // the underlying stream holds the rest of the archive
  }
}
