package dev.railyard.host.plugins;

import java.nio.charset.StandardCharsets;

/** One 512-byte tar header: the entry's name, type flag and size, checksum verified. */
record TarHeader(String name, char type, long size) {

  static TarHeader parse(byte[] block) {
    verifyChecksum(block);
    String name = text(block, 0, 100);
    String magic = text(block, 257, 6);
    if (magic.startsWith("ustar")) {
      String prefix = text(block, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    long size = number(block, 124, 12);
    if (size < 0) {
      throw TarUnpacker.corrupt("entry '" + name + "' has a negative size");
    }
    return new TarHeader(name, (char) (block[156] & 0xFF), size);
  }

  TarHeader withName(String longName) {
    return longName == null ? this : new TarHeader(longName, type, size);
  }

  /** The {@code path} record of a pax extended header, or null. */
  static String paxPath(byte[] data) {
    try {
      return paxRecord(data, "path=");
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw TarUnpacker.corrupt("a pax extended header is malformed");
    }
  }

  private static String paxRecord(byte[] data, String key) {
    String text = new String(data, StandardCharsets.UTF_8);
    int pos = 0;
    while (pos < text.length()) {
      int space = text.indexOf(' ', pos);
      if (space < 0) {
        break;
      }
      int length = Integer.parseInt(text.substring(pos, space));
      String record = text.substring(space + 1, pos + length - 1);
      if (record.startsWith(key)) {
        return record.substring(key.length());
      }
      pos += length;
    }
    return null;
  }

  private static void verifyChecksum(byte[] block) {
    long stored = number(block, 148, 8);
    long sum = 0;
    for (int i = 0; i < block.length; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xFF);
    }
    if (sum != stored) {
      throw TarUnpacker.corrupt("a header's checksum does not match (not a tar, or damaged)");
    }
  }

  private static String text(byte[] block, int offset, int length) {
    return TarUnpacker.trimNul(new String(block, offset, length, StandardCharsets.UTF_8));
  }

  /** An octal field, or a base-256 one when the high bit of its first byte is set. */
  private static long number(byte[] block, int offset, int length) {
    if ((block[offset] & 0x80) != 0) {
      long value = block[offset] & 0x7F;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (block[offset + i] & 0xFF);
      }
      return value;
    }
    String digits = text(block, offset, length).trim();
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw TarUnpacker.corrupt("a header holds '" + digits + "' where an octal number belongs");
    }
  }
}
