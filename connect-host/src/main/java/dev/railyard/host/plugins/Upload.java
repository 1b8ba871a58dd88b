package dev.railyard.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An uploaded archive received into the staging folder, with its size and SHA-256. */
record Upload(Path file, long bytes, String sha256) {

  /**
   * Copies the stream to {@code file}, refusing it as soon as it passes {@code maxBytes}, so an
   * over-size upload never fills the disk.
   */
  static Upload receive(InputStream in, Path file, long maxBytes) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw PluginException.of(
              PluginException.Code.TOO_LARGE,
              "the uploaded archive is larger than the limit of %d bytes; upload a smaller archive"
                  + " or raise the limit",
              maxBytes);
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return new Upload(file, total, HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
