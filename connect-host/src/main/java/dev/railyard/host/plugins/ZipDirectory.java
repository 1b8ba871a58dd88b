package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the Unix file type of each entry from a ZIP's central directory, which {@code
 * java.util.zip} does not expose: the high 16 bits of the external attributes when the entry was
 * made on Unix or macOS, and the mode in an "ASi Unix" (0x756e) extra field.
 */
final class ZipDirectory {

  static final int S_IFMT = 0xF000;
  static final int S_IFREG = 0x8000;
  static final int S_IFDIR = 0x4000;
  static final int S_IFLNK = 0xA000;
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int ASI_UNIX = 0x756e;
  private static final int MAX_DIRECTORY_BYTES = 64 << 20;

  private ZipDirectory() {}

  /** The Unix file type ({@code mode & S_IFMT}, 0 when unknown) of each entry, by name. */
  static Map<String, Integer> fileTypes(Path zip) throws IOException {
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
      long[] directory = locateDirectory(channel);
      if (directory[1] > MAX_DIRECTORY_BYTES) {
        throw PluginException.of(
            Code.TOO_LARGE, "the ZIP's central directory is over %d bytes", MAX_DIRECTORY_BYTES);
      }
      ByteBuffer buffer = read(channel, directory[0], (int) directory[1]);
      return parse(buffer);
    }
  }

  /** The offset and size of the central directory. */
  private static long[] locateDirectory(FileChannel channel) throws IOException {
    long size = channel.size();
    int tail = (int) Math.min(size, 22 + 0xFFFF);
    ByteBuffer end = read(channel, size - tail, tail);
    for (int i = tail - 22; i >= 0; i--) {
      if (end.getInt(i) == EOCD) {
        long offset = Integer.toUnsignedLong(end.getInt(i + 16));
        long length = Integer.toUnsignedLong(end.getInt(i + 12));
        if (offset == 0xFFFFFFFFL || length == 0xFFFFFFFFL) {
          return locateZip64(channel, size - tail + i);
        }
        return new long[] {offset, length};
      }
    }
    throw corrupt("it has no end of central directory record (truncated?)");
  }

  private static long[] locateZip64(FileChannel channel, long eocdAt) throws IOException {
    ByteBuffer locator = read(channel, eocdAt - 20, 20);
    if (locator.getInt(0) != ZIP64_LOCATOR) {
      throw corrupt("its ZIP64 end of central directory locator is missing");
    }
    ByteBuffer record = read(channel, locator.getLong(8), 56);
    if (record.getInt(0) != ZIP64_EOCD) {
      throw corrupt("its ZIP64 end of central directory record is missing");
    }
    return new long[] {record.getLong(48), record.getLong(40)};
  }

  private static Map<String, Integer> parse(ByteBuffer cd) {
    Map<String, Integer> types = new HashMap<>();
    int pos = 0;
    while (pos + 46 <= cd.limit() && cd.getInt(pos) == CENTRAL) {
      int host = (cd.getShort(pos + 4) >> 8) & 0xFF;
      int nameLength = cd.getShort(pos + 28) & 0xFFFF;
      int extraLength = cd.getShort(pos + 30) & 0xFFFF;
      int commentLength = cd.getShort(pos + 32) & 0xFFFF;
      int external = cd.getInt(pos + 38);
      if (pos + 46 + nameLength + extraLength > cd.limit()) {
        throw corrupt("its central directory is cut short");
      }
      String name = string(cd, pos + 46, nameLength);
      int type = (host == 3 || host == 19) ? (external >>> 16) & S_IFMT : 0;
      type = Math.max(type, asiType(cd, pos + 46 + nameLength, extraLength));
      if (types.put(name, type) != null) {
        throw PluginException.of(
            Code.CORRUPT_ARCHIVE,
            "archive entry '%s' appears twice; each path may occur once",
            name);
      }
      pos += 46 + nameLength + extraLength + commentLength;
    }
    return types;
  }

  private static int asiType(ByteBuffer cd, int start, int length) {
    int pos = start;
    while (pos + 4 <= start + length) {
      int id = cd.getShort(pos) & 0xFFFF;
      int size = cd.getShort(pos + 2) & 0xFFFF;
      if (id == ASI_UNIX && size >= 6 && pos + 4 + size <= start + length) {
        return cd.getShort(pos + 8) & S_IFMT;
      }
      pos += 4 + size;
    }
    return 0;
  }

  private static String string(ByteBuffer buffer, int at, int length) {
    byte[] bytes = new byte[length];
    buffer.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
    if (at < 0 || at + length > channel.size()) {
      throw corrupt("its central directory points outside the file (truncated?)");
    }
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw corrupt("it ends early (truncated?)");
      }
    }
    return buffer.flip();
  }

  private static PluginException corrupt(String why) {
    return PluginException.of(
        Code.CORRUPT_ARCHIVE,
        "the upload is not a readable ZIP: %s; upload a complete .zip file",
        why);
  }
}
