package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Unpacks a ZIP through an {@link EntryWriter}, refusing links and special files. */
final class ZipUnpacker {

  private ZipUnpacker() {}

  static void unpack(Path archive, EntryWriter out) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
      Map<String, Integer> types = ZipDirectory.fileTypes(archive);
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        checkType(entry.getName(), types.getOrDefault(entry.getName(), 0));
        if (entry.isDirectory()) {
          out.directory(entry.getName());
        } else {
          unpackFile(zip, entry, out);
        }
      }
    } catch (ZipException | EOFException e) {
      throw PluginException.of(
          Code.CORRUPT_ARCHIVE,
          "the upload is not a readable ZIP (%s); upload a complete .zip file",
          e.getMessage());
    }
  }

  private static void unpackFile(ZipFile zip, ZipEntry entry, EntryWriter out) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
      out.file(entry.getName(), entry.getSize(), in);
    }
    if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
      throw PluginException.of(
          Code.CORRUPT_ARCHIVE,
          "archive entry '%s' is damaged (CRC mismatch); upload the archive again",
          entry.getName());
    }
  }

  static void checkType(String name, int fileType) {
    if (fileType == ZipDirectory.S_IFLNK) {
      throw PluginException.of(
          Code.LINK_NOT_ALLOWED,
          "archive entry '%s' is a symbolic link; plugin archives may hold only regular files and"
              + " folders, so put the file itself there",
          name);
    }
    if (fileType != 0 && fileType != ZipDirectory.S_IFREG && fileType != ZipDirectory.S_IFDIR) {
      throw PluginException.of(
          Code.UNSUPPORTED_ENTRY,
          "archive entry '%s' is a device, FIFO or socket; plugin archives may hold only regular"
              + " files and folders",
          name);
    }
  }
}
