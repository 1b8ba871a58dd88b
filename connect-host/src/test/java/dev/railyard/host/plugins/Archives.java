package dev.railyard.host.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds ZIP and TGZ archives in memory for tests, including malicious ones. */
public final class Archives {

  /**
   * One archive entry.
   *
   * @param name its path in the archive
   * @param type a tar type flag: '0' file, '5' folder, '1' hard link, '2' symbolic link, '6' FIFO
   * @param content the file's bytes (empty for others)
   * @param link the target of a link, else empty
   */
  public record Entry(String name, char type, byte[] content, String link) {

    public static Entry file(String name, byte[] content) {
      return new Entry(name, '0', content, "");
    }

    static Entry folder(String name) {
      return new Entry(name, '5', new byte[0], "");
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, '2', new byte[0], target);
    }

    static Entry hardlink(String name, String target) {
      return new Entry(name, '1', new byte[0], target);
    }

    static Entry fifo(String name) {
      return new Entry(name, '6', new byte[0], "");
    }
  }

  private Archives() {}

  /** A ZIP; a symbolic link becomes a Unix-made entry whose mode says "link", like Info-ZIP's. */
  public static byte[] zip(Entry... entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Entry e : entries) {
        zip.putNextEntry(new ZipEntry(e.type() == '5' ? e.name() + "/" : e.name()));
        zip.write(e.type() == '2' ? e.link().getBytes(StandardCharsets.UTF_8) : e.content());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] zip = bytes.toByteArray();
    for (Entry e : entries) {
      if (e.type() == '2') {
        markSymlink(zip, e.name());
      }
    }
    return zip;
  }

  /**
   * Sets "made by Unix" and mode {@code 0120777} (a symbolic link) on an entry of the central
   * directory, which {@code java.util.zip} cannot write.
   */
  private static void markSymlink(byte[] zip, String name) {
    ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 < zip.length; i++) {
      if (buffer.getInt(i) == 0x02014b50
          && (buffer.getShort(i + 28) & 0xFFFF) == wanted.length
          && Arrays.equals(zip, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
        buffer.putShort(i + 4, (short) ((3 << 8) | 20));
        buffer.putInt(i + 38, 0120777 << 16);
        return;
      }
    }
    throw new IllegalArgumentException("no central directory entry " + name);
  }

  /** A gzip-compressed ustar archive with its end-of-archive marker. */
  public static byte[] tgz(Entry... entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (Entry e : entries) {
        gzip.write(tarHeader(e));
        gzip.write(e.content());
        gzip.write(new byte[(512 - e.content().length % 512) % 512]);
      }
      gzip.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] tarHeader(Entry e) {
    byte[] h = new byte[512];
    put(h, 0, e.type() == '5' ? e.name() + "/" : e.name());
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", e.content().length));
    put(h, 136, String.format("%011o", 1_700_000_000L));
    h[156] = (byte) e.type();
    put(h, 157, e.link());
    put(h, 257, "ustar");
    put(h, 263, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, String.format("%06o", sum));
    return h;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  /** A GNU long-name header ('L'): the name of the entry after it. */
  static Entry gnuLongName(String name) {
    return new Entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), "");
  }

  /** A POSIX pax extended header ('x') whose {@code path} record names the entry after it. */
  static Entry paxPath(String path) {
    String record = " path=" + path + "\n";
    // the length prefix counts its own digits
    int length = record.length() + 1;
    while (length != record.length() + String.valueOf(length).length()) {
      length++;
    }
    return new Entry(
        "PaxHeaders/entry", 'x', (length + record).getBytes(StandardCharsets.UTF_8), "");
  }

  /** The first part of an archive, as a broken upload leaves it. */
  static byte[] truncated(byte[] archive) {
    return Arrays.copyOf(archive, archive.length * 2 / 3);
  }

  /** {@code size} bytes that compress well, so a small archive unpacks to a big file. */
  static byte[] zeros(int size) {
    return new byte[size];
  }
}
