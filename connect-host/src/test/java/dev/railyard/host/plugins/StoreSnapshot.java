package dev.railyard.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a folder with the SHA-256 of its content, to compare a store before/after. */
final class StoreSnapshot {

  private StoreSnapshot() {}

  static Map<String, String> of(Path root) throws IOException {
    Map<String, String> snapshot = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        snapshot.put(
            root.relativize(p).toString(),
            Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
      }
    }
    return snapshot;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
