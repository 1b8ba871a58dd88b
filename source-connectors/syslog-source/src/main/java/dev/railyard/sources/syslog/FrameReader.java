package dev.railyard.sources.syslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a TCP stream into syslog messages as RFC 6587 says: octet-counting ({@code LEN SP MSG}, as
 * RFC 5425 has it over TLS) or non-transparent framing (each message ends with LF, a CR before it
 * dropped), chosen per message in {@code auto}. Messages beyond the size limit are cut to it and
 * the rest skipped. Not thread-safe: one per connection.
 */
final class FrameReader {

  /** One message off the stream; {@code oversized} when it was longer than the limit. */
  record Frame(byte[] bytes, boolean oversized) {}

  private static final int MAX_LENGTH_DIGITS = 9;

  private final InputStream in;
  private final int maxBytes;
  private final String framing;

  /**
   * @param in a buffered stream
   * @param framing auto, octet-counting or lf
   */
  FrameReader(InputStream in, int maxBytes, String framing) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.framing = framing;
  }

  /** The next message; null at the end of the stream. */
  Frame next() throws IOException {
    int first = in.read();
    while (first == '\n' || first == '\r') {
      first = in.read();
    }
    if (first < 0) {
      return null;
    }
    boolean counted = first >= '1' && first <= '9' && !framing.equals("lf");
    return counted ? counted(first) : untilLineFeed(first, new ByteArrayOutputStream());
  }

  /**
   * An octet-counted message; a length that is not digits and a space is no frame, and the line is
   * taken as it is (the parser then says what is wrong with it).
   */
  private Frame counted(int first) throws IOException {
    ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    long length = first - '0';
    prefix.write(first);
    int b = in.read();
    while (b >= '0' && b <= '9' && prefix.size() < MAX_LENGTH_DIGITS) {
      length = length * 10 + (b - '0');
      prefix.write(b);
      b = in.read();
    }
    if (b != ' ') {
      if (b < 0) {
        return new Frame(prefix.toByteArray(), false);
      }
      prefix.write(b);
      return b == '\n' ? new Frame(prefix.toByteArray(), false) : untilLineFeed(-1, prefix);
    }
    byte[] message = in.readNBytes((int) Math.min(length, maxBytes));
    boolean oversized = length > maxBytes;
    if (oversized) {
      in.skipNBytes(length - maxBytes);
    }
    return new Frame(message, oversized);
  }

  private Frame untilLineFeed(int first, ByteArrayOutputStream line) throws IOException {
    boolean oversized = false;
    int b = first >= 0 ? first : in.read();
    while (b >= 0 && b != '\n') {
      if (line.size() < maxBytes) {
        line.write(b);
      } else {
        oversized = true;
      }
      b = in.read();
    }
    return new Frame(line.toByteArray(), oversized);
  }
}
