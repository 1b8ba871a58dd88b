package dev.railyard.host.plugins;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes plugin folders as one gzip-compressed POSIX tar, each folder at the top as it is in the
 * plugin path, so that {@code tar -xzf} into an empty {@code plugin.path} gives a worker the same
 * plugins. Names are UTF-8; one longer than a ustar header's 100 bytes goes in a pax {@code path}
 * record, which GNU tar, BusyBox tar and {@link TarUnpacker} read. Links are not followed; the
 * store holds none.
 */
final class PluginArchive {

  private static final int BLOCK = 512;
  private static final long MAX_SIZE = 077777777777L; // what 11 octal digits hold: 8 GiB - 1

  private final OutputStream tar;
  private final byte[] buffer = new byte[64 * 1024];

  private PluginArchive(OutputStream tar) {
    this.tar = tar;
  }

  /**
   * Writes the folders of {@code plugins} under {@code pluginsDir}; {@code out} is not closed.
   *
   * @throws PluginException {@code CONFLICT} when a plugin is deleted while it is being written
   */
  static void write(Path pluginsDir, List<Plugin> plugins, OutputStream out) throws IOException {
    GZIPOutputStream gzip = new FastGzip(out);
    PluginArchive archive = new PluginArchive(gzip);
    for (Plugin plugin : plugins) {
      try {
        archive.folder(pluginsDir, pluginsDir.resolve(plugin.folder()));
      } catch (NoSuchFileException e) {
        throw PluginException.of(
            Code.CONFLICT,
            "plugin '%s' version '%s' was deleted while the archive was being written; ask again",
            plugin.name(),
            plugin.version());
      }
    }
    gzip.write(new byte[2 * BLOCK]); // the end-of-archive marker
    gzip.finish();
  }

  private void folder(Path root, Path folder) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(folder)) {
      paths = walk.sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : paths) {
      String name = root.relativize(path).toString().replace('\\', '/');
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long mtime = attributes.lastModifiedTime().toMillis() / 1000;
      if (attributes.isDirectory()) {
        entry(name + "/", '5', 0755, 0, mtime);
      } else if (attributes.isRegularFile()) {
        entry(name, '0', 0644, attributes.size(), mtime);
        copy(path, attributes.size());
      }
    }
  }

  private void entry(String name, char type, int mode, long size, long mtime) throws IOException {
    if (size > MAX_SIZE) {
      throw new IOException("'" + name + "' is larger than a tar entry can hold: " + size);
    }
    byte[] utf8 = name.getBytes(UTF_8);
    if (utf8.length > 100) {
      byte[] record = paxRecord("path", name);
      byte[] paxName = ("PaxHeaders/" + Integer.toHexString(name.hashCode())).getBytes(UTF_8);
      tar.write(header(paxName, 'x', 0644, record.length, mtime));
      tar.write(record);
      pad(record.length);
      utf8 = Arrays.copyOf(utf8, 100);
    }
    tar.write(header(utf8, type, mode, size, mtime));
  }

  private void copy(Path file, long size) throws IOException {
    long copied = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while (copied < size
          && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) > 0) {
        tar.write(buffer, 0, n);
        copied += n;
      }
    }
    if (copied != size) {
      throw new IOException("'" + file + "' changed while the archive was being written");
    }
    pad(size);
  }

  private void pad(long size) throws IOException {
    tar.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
  }

  /** A pax record, {@code "<length> <key>=<value>\n"}, whose length counts its own digits. */
  static byte[] paxRecord(String key, String value) {
    int rest = (" " + key + "=" + value + "\n").getBytes(UTF_8).length;
    int length = rest + 1;
    while (length != rest + String.valueOf(length).length()) {
      length++;
    }
    return (length + " " + key + "=" + value + "\n").getBytes(UTF_8);
  }

  private static byte[] header(byte[] name, char type, int mode, long size, long mtime) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
    put(h, 100, 8, octal(mode, 7));
    put(h, 108, 8, octal(0, 7));
    put(h, 116, 8, octal(0, 7));
    put(h, 124, 12, octal(size, 11));
    put(h, 136, 12, octal(Math.max(0, mtime), 11));
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, 8, octal(sum, 6));
    h[154] = 0;
    return h;
  }

  private static String octal(long value, int digits) {
    String text = Long.toOctalString(value);
    return "0".repeat(Math.max(0, digits - text.length())) + text;
  }

  private static void put(byte[] header, int offset, int length, String text) {
    byte[] bytes = text.getBytes(US_ASCII);
    System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
  }

  /** Jars are compressed already: the fastest level saves the control plane's CPU, not bytes. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
