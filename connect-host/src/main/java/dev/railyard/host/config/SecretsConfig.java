package dev.railyard.host.config;

import dev.railyard.embedded.worker.WorkerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where connector configs may reach on the workers' machine: the folder config-provider references
 * read ({@value #SECRETS_DIR_CONFIG}), the environment variables they read ({@value
 * #SECRETS_ENV_PATTERN_CONFIG}) and the folder FileStream connectors read and write ({@value
 * #FILES_DIR_CONFIG}). Immutable.
 *
 * @param secretsDir absolute and normalised
 * @param secretsEnvPattern matched against whole variable names
 * @param filesDir absolute and normalised
 */
public record SecretsConfig(Path secretsDir, Pattern secretsEnvPattern, Path filesDir) {

  public static final String SECRETS_DIR_CONFIG = "secrets.dir";
  public static final String SECRETS_DIR_DOC =
      "The only folder whose files connector configs may reference, with ${file:PATH:KEY} or"
          + " ${directory:PATH:FILE}; other paths, .. escapes and symbolic links leading out are"
          + " refused, and the workers' providers read nothing else. Created at start, readable"
          + " by Railyard's user only. Empty: <data.dir>/secrets.";

  public static final String SECRETS_ENV_PATTERN_CONFIG = "secrets.env.pattern";
  public static final String SECRETS_ENV_PATTERN_DOC =
      "The environment variables connector configs may reference with ${env:NAME}: a regular"
          + " expression matched against the whole name. Only these (and what a JVM needs: "
          + WorkerEnvironment.KEPT_NAMES
          + ") reach the worker processes.";

  public static final String FILES_DIR_CONFIG = "files.dir";
  public static final String FILES_DIR_DOC =
      "The only folder FileStream connectors read and write (their file setting; a relative"
          + " file is taken relative to it), and Railyard's log connectors too (the log source's"
          + " log.paths, the log sink's log.directory). Created at start. Empty: <data.dir>/files.";

  /** Defines this group's keys in {@code def}; returns {@code def}. */
  static ConfigDef defineAll(ConfigDef def) {
    return def.define(
            SECRETS_DIR_CONFIG, Type.STRING, "", new AnyPath(), Importance.MEDIUM, SECRETS_DIR_DOC)
        .define(
            SECRETS_ENV_PATTERN_CONFIG,
            Type.STRING,
            WorkerEnvironment.DEFAULT_SECRETS_PATTERN,
            new RegularExpression(),
            Importance.MEDIUM,
            SECRETS_ENV_PATTERN_DOC)
        .define(FILES_DIR_CONFIG, Type.STRING, "", new AnyPath(), Importance.MEDIUM, FILES_DIR_DOC);
  }

  /** The settings of {@code config}, empty folders defaulting to ones under {@code dataDir}. */
  public static SecretsConfig of(RailyardConfig config, Path dataDir) {
    return new SecretsConfig(
        folder(config.getString(SECRETS_DIR_CONFIG), dataDir.resolve("secrets")),
        Pattern.compile(config.getString(SECRETS_ENV_PATTERN_CONFIG)),
        folder(config.getString(FILES_DIR_CONFIG), dataDir.resolve("files")));
  }

  /**
   * Creates both folders if they are missing; the secrets folder readable by Railyard's user only
   * (where the file system has POSIX permissions).
   *
   * @throws UncheckedIOException when one cannot be made
   */
  public void createFolders() {
    try {
      Files.createDirectories(filesDir);
      Files.createDirectories(secretsDir);
      if (secretsDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(secretsDir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the folders of " + FILES_DIR_CONFIG + " and " + SECRETS_DIR_CONFIG, e);
    }
  }

  private static Path folder(String given, Path fallback) {
    return (given.isBlank() ? fallback : Path.of(given)).toAbsolutePath().normalize();
  }

  private static final class AnyPath implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Path.of((String) value);
      } catch (RuntimeException e) {
        throw new ConfigException(name, value, "not a path: " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "empty, or a folder path";
    }
  }

  private static final class RegularExpression implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        Pattern.compile((String) value);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(name, value, "not a regular expression: " + e.getDescription());
      }
    }

    @Override
    public String toString() {
      return "a Java regular expression";
    }
  }
}
