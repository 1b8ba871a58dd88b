package dev.railyard.host.plugins.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs resolved jars into a ZIP the plugin store installs. The same jars always give the same
 * bytes (sorted entries, stored uncompressed, one fixed time), so the store's SHA-256 recognises a
 * repeated install as the same content, whatever the time zone or the JDK's zlib.
 */
final class PluginZip {

  // a local date-time, so the DOS time written is the same in every time zone
  private static final LocalDateTime FIXED = LocalDateTime.of(2000, 1, 1, 0, 0);

  private PluginZip() {}

  /**
   * Writes the jars to {@code zip}, each under its file name; jars whose names collide are prefixed
   * with their group.
   */
  static void write(List<MavenResolver.Jar> jars, Path zip) throws IOException {
    long time = FIXED.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, Path> e : entries(jars).entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(ZipEntry.STORED);
        entry.setTime(time);
        entry.setSize(Files.size(e.getValue()));
        entry.setCrc(crc(e.getValue()));
        out.putNextEntry(entry);
        Files.copy(e.getValue(), out);
        out.closeEntry();
      }
    }
  }

  private static Map<String, Path> entries(List<MavenResolver.Jar> jars) {
    Map<String, Integer> counts = new HashMap<>();
    jars.forEach(j -> counts.merge(j.file().getFileName().toString(), 1, Integer::sum));
    Map<String, Path> entries = new TreeMap<>();
    for (MavenResolver.Jar j : jars) {
      String name = j.file().getFileName().toString();
      entries.put(counts.get(name) > 1 ? j.groupId() + "_" + name : name, j.file());
    }
    return entries;
  }

  private static long crc(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        crc.update(buffer, 0, n);
      }
    }
    return crc.getValue();
  }
}
