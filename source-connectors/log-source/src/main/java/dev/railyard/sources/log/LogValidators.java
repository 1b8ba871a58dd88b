package dev.railyard.sources.log;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The validators of {@link LogSourceConfig}: each error names the key and what would be valid. */
final class LogValidators {

  static final Set<String> TIME_FORMATS = Set.of("iso", "epoch_millis", "epoch_seconds");

  private LogValidators() {}

  /** Absolute glob patterns; {@code mayBeEmpty} false: at least one. */
  static ConfigDef.Validator globs(boolean mayBeEmpty) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        List<?> patterns = value == null ? List.of() : (List<?>) value;
        if (patterns.isEmpty() && !mayBeEmpty) {
          throw new ConfigException(
              name, value, "give at least one absolute glob pattern, such as /var/log/app/*.log");
        }
        for (Object p : patterns) {
          String pattern = String.valueOf(p);
          if (!pattern.startsWith("/")) {
            throw new ConfigException(
                name, pattern, "must be an absolute path or glob, such as /var/log/app/*.log");
          }
          try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            Path.of(Globs.baseOf(pattern));
          } catch (IllegalArgumentException e) {
            throw new ConfigException(
                name, pattern, "is not a valid glob pattern (" + e.getMessage() + ")");
          }
        }
      }

      @Override
      public String toString() {
        return mayBeEmpty
            ? "absolute glob patterns, or empty"
            : "one or more absolute glob patterns, such as /var/log/app/*.log";
      }
    };
  }

  /** A Java regular expression; {@code mayBeEmpty}: or the empty string. */
  static ConfigDef.Validator regex(boolean mayBeEmpty) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String regex = value == null ? "" : (String) value;
        if (regex.isEmpty()) {
          if (!mayBeEmpty) {
            throw new ConfigException(name, value, "must be a Java regular expression");
          }
          return;
        }
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw new ConfigException(
              name,
              regex,
              "is not a Java regular expression: "
                  + e.getDescription()
                  + " near index "
                  + e.getIndex());
        }
      }

      @Override
      public String toString() {
        return mayBeEmpty ? "a Java regular expression, or empty" : "a Java regular expression";
      }
    };
  }

  static ConfigDef.Validator timeFormat() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String format = value == null ? "" : (String) value;
        if (TIME_FORMATS.contains(format)) {
          return;
        }
        try {
          DateTimeFormatter.ofPattern(format);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              name,
              value,
              "must be iso, epoch_millis, epoch_seconds or a DateTimeFormatter pattern ("
                  + e.getMessage()
                  + ")");
        }
        if (format.isEmpty()) {
          throw new ConfigException(
              name,
              value,
              "must be iso, epoch_millis, epoch_seconds or a DateTimeFormatter pattern");
        }
      }

      @Override
      public String toString() {
        return "iso, epoch_millis, epoch_seconds, or a DateTimeFormatter pattern";
      }
    };
  }
}
