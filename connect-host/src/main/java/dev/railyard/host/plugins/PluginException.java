package dev.railyard.host.plugins;

import java.util.Objects;

/**
 * A refused plugin operation, with a code the API maps to a status and a message that names the
 * offending entry or plugin and says what would be accepted. The plugin store is unchanged when
 * this is thrown.
 */
public final class PluginException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an operation was refused. */
  public enum Code {
    /** The plugin name or an argument is not valid. */
    INVALID_NAME,
    /** An archive entry is absolute or escapes its folder. */
    ZIP_SLIP,
    /** An archive entry is a symbolic or hard link. */
    LINK_NOT_ALLOWED,
    /** An archive entry is a device, FIFO or other special file. */
    UNSUPPORTED_ENTRY,
    /** The archive, one of its files, or all of them together exceed the size limit. */
    TOO_LARGE,
    /** The archive is truncated or not in the format its type says. */
    CORRUPT_ARCHIVE,
    /** The archive holds no connector, converter, transformation or predicate. */
    NO_PLUGIN,
    /** The plugin's classes could not be scanned (a class broke the scanner). */
    SCAN_FAILED,
    /** A pinned digest is not hex of its algorithm's length. */
    INVALID_DIGEST,
    /** The uploaded archive does not have the pinned digest. */
    DIGEST_MISMATCH,
    /** A plugin class is used by a connector. */
    IN_USE,
    /** No plugin of that name (and version). */
    NOT_FOUND,
    /** Another plugin already holds that name and version, or that content. */
    CONFLICT
  }

  private final Code code;

  /**
   * @param code why, never null
   * @param message what was refused and what would be valid
   */
  public PluginException(Code code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  static PluginException of(Code code, String format, Object... args) {
    return new PluginException(code, String.format(format, args));
  }

  /** Why the operation was refused; never null. */
  public Code code() {
    return code;
  }
}
