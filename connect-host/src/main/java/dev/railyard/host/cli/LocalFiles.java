package dev.railyard.host.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.security.ApiAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Reads the files a command is given, {@code -} meaning stdin; a file that cannot be read or parsed
 * is a {@link CliFailure} (invalid) naming it, JSON errors as {@code file:line:col}. Stateless.
 */
final class LocalFiles {

  static final String STDIN = "-";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private LocalFiles() {}

  /**
   * The admin token file of the data directory {@code railyard up} uses when started in {@code
   * workingDir}: {@code data.dir} of its {@code railyard.properties}, else {@code ./data}.
   */
  static Path adminTokenFile(Path workingDir) {
    Path dataDir = workingDir.resolve(RailyardConfig.DATA_DIR_DEFAULT);
    Path settings = workingDir.resolve(Settings.DEFAULT_FILE);
    if (Files.isReadable(settings)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(settings)) {
        p.load(r);
      } catch (IOException e) {
        throw CliFailure.invalid("cannot read " + settings + ": " + e.getMessage());
      }
      String configured = p.getProperty(RailyardConfig.DATA_DIR_CONFIG);
      if (configured != null && !configured.isBlank()) {
        dataDir = workingDir.resolve(configured.trim());
      }
    }
    return ApiAccess.adminTokenFile(dataDir.normalize());
  }

  /** The name the API should use for {@code file} in its problems. */
  static String displayName(String file) {
    return file.equals(STDIN) ? "stdin" : file;
  }

  static String text(String file, InputStream stdin) {
    try {
      if (file.equals(STDIN)) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliFailure.invalid("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw CliFailure.invalid("cannot read " + file + ": permission denied");
    } catch (IOException | InvalidPathException e) {
      throw CliFailure.invalid("cannot read " + displayName(file) + ": " + e.getMessage());
    }
  }

  /** {@code text}, read from {@code file}, as one JSON value. */
  static JsonNode json(String file, String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw CliFailure.invalid(displayName(file) + " is empty; it must hold one JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          displayName(file) + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
      throw new CliFailure(
          ExitCodes.INVALID,
          displayName(file) + " is not valid JSON",
          List.of(where + " " + firstLine(e.getOriginalMessage())));
    }
  }

  private static String firstLine(String message) {
    int nl = message == null ? -1 : message.indexOf('\n');
    return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
  }
}
