package dev.railyard.sources.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts one generation of a log into complete lines. A last line without its end of line waits (its
 * bytes are kept, never re-read) until it ends, until {@link #flush} when its file was rotated
 * away, or until it has been unchanged for the partial-line timeout. A line longer than the limit
 * keeps its first bytes and skips the rest up to its end, so a file never stalls. The reader may
 * move to another file of the same content (a rotated copy) at the same position. Not thread-safe.
 */
final class LineReader {

  private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).flip();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final int maxBytes;
  private final Head head;
  private LogFile file;
  private long consumed;
  private long lineStart;
  private boolean truncated;
  private long partialChangedAt;

  LineReader(LogFile file, Head head, int maxBytes) {
    this.file = file;
    this.head = head;
    this.maxBytes = maxBytes;
    this.consumed = file.position();
    this.lineStart = consumed;
  }

  /** The next complete line, or null when the file has none for now. */
  Line next(long now) throws IOException {
    while (true) {
      if (!chunk.hasRemaining()) {
        chunk.clear();
        long at = file.position();
        int n = file.read(chunk);
        chunk.flip();
        if (n <= 0) {
          return null;
        }
        head.saw(at, chunk.array(), 0, n);
        partialChangedAt = now;
      }
      byte[] a = chunk.array();
      int from = chunk.position();
      int end = chunk.limit();
      int i = from;
      while (i < end && a[i] != '\n') {
        i++;
      }
      keep(a, from, i - from);
      consumed += i - from;
      if (i < end) {
        chunk.position(i + 1);
        consumed++;
        return take(consumed);
      }
      chunk.position(end);
    }
  }

  private void keep(byte[] a, int from, int length) {
    int room = maxBytes - partial.size();
    if (length > room) {
      truncated = true;
    }
    partial.write(a, from, Math.max(0, Math.min(room, length)));
  }

  private Line take(long end) {
    byte[] bytes = partial.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r' && !truncated) {
      length--;
    }
    Line line =
        new Line(new String(bytes, 0, length, StandardCharsets.UTF_8), lineStart, end, truncated);
    partial.reset();
    truncated = false;
    lineStart = end;
    return line;
  }

  /** The last line without its end of line, if it has waited {@code timeoutMs}; else null. */
  Line expired(long now, long timeoutMs) {
    if (timeoutMs > 0 && hasPartial() && now - partialChangedAt >= timeoutMs) {
      return take(consumed);
    }
    return null;
  }

  /** The last line without its end of line, now (its file is done); null if there is none. */
  Line flush() {
    return hasPartial() ? take(consumed) : null;
  }

  boolean hasPartial() {
    return consumed > lineStart;
  }

  /** Moves to another file holding the same bytes, at the position read so far. */
  void moveTo(LogFile other) {
    this.file = other;
    chunk.position(chunk.limit());
  }

  /** Where the next byte comes from in this generation (past any partial line). */
  long consumed() {
    return consumed;
  }

  /** The end of the last complete line. */
  long lineStart() {
    return lineStart;
  }

  LogFile file() {
    return file;
  }

  Head head() {
    return head;
  }
}
