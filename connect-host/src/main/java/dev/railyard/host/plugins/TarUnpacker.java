package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a gzip-compressed tar through an {@link EntryWriter}. Reads ustar, GNU and POSIX (pax)
 * headers with regular files and directories; links, devices and FIFOs refuse the archive, as does
 * a missing end-of-archive marker, so a truncated upload is never half-installed.
 */
final class TarUnpacker {

  private static final int BLOCK = 512;
  private static final long MAX_HEADER_DATA = 1 << 20;

  private final InputStream in;
  private final EntryWriter out;
  private final byte[] header = new byte[BLOCK];
  private String longName;

  private TarUnpacker(InputStream in, EntryWriter out) {
    this.in = in;
    this.out = out;
  }

  static void unpack(Path archive, EntryWriter out) throws IOException {
    try (InputStream in =
        new BufferedInputStream(
            new GZIPInputStream(Files.newInputStream(archive), 64 * 1024), 64 * 1024)) {
      new TarUnpacker(in, out).run();
    } catch (ZipException | EOFException e) {
      throw corrupt("it is not complete gzip data (" + e.getMessage() + ")");
    }
  }

  private void run() throws IOException {
    while (true) {
      if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
        throw corrupt("it ends without the end-of-archive marker (truncated?)");
      }
      if (isZeroBlock()) {
        return;
      }
      TarHeader entry = TarHeader.parse(header);
      if (!readMetadata(entry)) {
        unpackEntry(entry.withName(longName));
        longName = null;
      }
    }
  }

  /** Consumes a GNU long-name or pax header, which describe the entry after them. */
  private boolean readMetadata(TarHeader entry) throws IOException {
    switch (entry.type()) {
      case 'L' -> longName = trimNul(new String(readData(entry), StandardCharsets.UTF_8));
      case 'x' -> {
        String path = TarHeader.paxPath(readData(entry));
        if (path != null) {
          longName = path;
        }
      }
      case 'g', 'K' -> readData(entry);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void unpackEntry(TarHeader entry) throws IOException {
    switch (entry.type()) {
      case '0', '\0', '7' -> {
        InputStream content = new BoundedInputStream(in, entry.size());
        out.file(entry.name(), entry.size(), content);
        content.transferTo(OutputStream.nullOutputStream());
        skipPadding(entry.size());
      }
      case '5' -> {
        out.directory(entry.name());
        skipPadding(skip(entry.size()));
      }
      case '1', '2' ->
          throw PluginException.of(
              Code.LINK_NOT_ALLOWED,
              "archive entry '%s' is a %s link; plugin archives may hold only regular files and"
                  + " folders, so put the file itself there",
              entry.name(),
              entry.type() == '1' ? "hard" : "symbolic");
      default ->
          throw PluginException.of(
              Code.UNSUPPORTED_ENTRY,
              "archive entry '%s' has tar type '%c' (device, FIFO or unknown); plugin archives may"
                  + " hold only regular files and folders",
              entry.name(),
              entry.type());
    }
  }

  private byte[] readData(TarHeader entry) throws IOException {
    if (entry.size() > MAX_HEADER_DATA) {
      throw corrupt("an extended header declares " + entry.size() + " bytes");
    }
    byte[] data = in.readNBytes((int) entry.size());
    if (data.length < entry.size()) {
      throw new EOFException("extended header cut short");
    }
    skipPadding(entry.size());
    return data;
  }

  private long skip(long size) throws IOException {
    in.skipNBytes(size);
    return size;
  }

  private void skipPadding(long size) throws IOException {
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding);
  }

  private boolean isZeroBlock() {
    for (byte b : header) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  static String trimNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  static PluginException corrupt(String why) {
    return PluginException.of(
        Code.CORRUPT_ARCHIVE,
        "the upload is not a readable .tgz: %s; upload a complete gzip-compressed tar",
        why);
  }
}
