package dev.railyard.sources.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Finding line ends in a file. */
final class LineEnds {

  private static final int BACK = 64 * 1024;

  private LineEnds() {}

  /**
   * The position just after the last end of line before {@code size}, looking back at most 64 KiB;
   * 0 when there is none that near (the file is then read from its start).
   */
  static long lastBefore(Path file, long size) throws IOException {
    long from = Math.max(0, size - BACK);
    ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
        // positional reads until the window is full
      }
    }
    for (int i = buffer.position() - 1; i >= 0; i--) {
      if (buffer.get(i) == '\n') {
        return from + i + 1;
      }
    }
    return 0;
  }
}
