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

/**
 * An uploaded archive received into the staging folder, with its size, its SHA-256 and, when one
 * was pinned, its SHA-512 (else null).
 */
record Upload(Path file, long bytes, String sha256, String sha512) {

  /**
   * Copies the stream to {@code file}, refusing it as soon as it passes {@code maxBytes}, so an
   * over-size upload never fills the disk.
   *
   * @param withSha512 whether to compute the SHA-512 too
   */
  static Upload receive(InputStream in, Path file, long maxBytes, boolean withSha512)
      throws IOException {
    MessageDigest sha256 = newDigest("SHA-256");
    MessageDigest sha512 = withSha512 ? newDigest("SHA-512") : null;
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
        sha256.update(buffer, 0, n);
        if (sha512 != null) {
          sha512.update(buffer, 0, n);
        }
        out.write(buffer, 0, n);
      }
    }
    return new Upload(file, total, hex(sha256), sha512 == null ? null : hex(sha512));
  }

  /**
   * Checks the archive against the digests pinned in {@code options}.
   *
   * @throws PluginException {@code DIGEST_MISMATCH} naming both digests
   */
  void checkPinned(InstallOptions options) {
    check("SHA-256", "sha256", options.sha256(), sha256);
    check("SHA-512", "sha512", options.sha512(), sha512);
  }

  private static void check(String algorithm, String field, String pinned, String actual) {
    if (pinned != null && !pinned.equals(actual)) {
      throw PluginException.of(
          PluginException.Code.DIGEST_MISMATCH,
          "the uploaded archive's %s is %s, not the pinned %s; nothing was installed. Upload the"
              + " archive the digest was taken of, or correct '%s'",
          algorithm,
          actual,
          pinned,
          field);
    }
  }

  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
