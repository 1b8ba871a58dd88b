package dev.railyard.host.plugins;

import dev.railyard.host.plugins.PluginException.Code;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an install is told besides the archive: the digests the archive must have, and a version to
 * record when neither the plugin's classes nor its jars tell one. Immutable.
 *
 * @param sha256 the hex SHA-256 the uploaded archive must have, or null when it is not pinned
 * @param sha512 the hex SHA-512 the uploaded archive must have, or null when it is not pinned
 * @param versionHint the version the caller knows (the Maven version, the version in the archive's
 *     file name), or null
 */
public record InstallOptions(String sha256, String sha512, String versionHint) {

  /** Nothing pinned, no version known. */
  public static final InstallOptions NONE = new InstallOptions(null, null, null);

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  /**
   * Checks that each pinned digest is hex of its algorithm's length, and keeps it in lower case.
   *
   * @throws PluginException {@code INVALID_DIGEST} naming the digest and what is expected
   */
  public InstallOptions {
    sha256 = hex("sha256", sha256, 64);
    sha512 = hex("sha512", sha512, 128);
  }

  /** These options with another version hint. */
  public InstallOptions withVersionHint(String hint) {
    return new InstallOptions(sha256, sha512, hint);
  }

  private static String hex(String what, String value, int length) {
    if (value == null) {
      return null;
    }
    String digest = value.strip();
    if (digest.length() != length || !HEX.matcher(digest).matches()) {
      throw PluginException.of(
          Code.INVALID_DIGEST,
          "%s '%s' is not a %s digest; give %d hex digits, e.g. from `%ssum <archive>`",
          what,
          value,
          what.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"),
          length,
          what);
    }
    return digest.toLowerCase(Locale.ROOT);
  }
}
