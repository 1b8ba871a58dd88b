package dev.railyard.sinks.log;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The validators of {@link LogSinkConfig}'s keys. Stateless. */
final class LogValidators {

  private LogValidators() {}

  static final ConfigDef.Validator ABSOLUTE_PATH =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          String expected = "must be an absolute directory path such as /var/log/railyard";
          if (value == null || ((String) value).isBlank()) {
            throw new ConfigException(name, value, expected);
          }
          try {
            if (!Path.of(((String) value).strip()).isAbsolute()) {
              throw new ConfigException(name, value, expected);
            }
          } catch (InvalidPathException e) {
            throw new ConfigException(name, value, expected + "; " + e.getMessage());
          }
        }

        @Override
        public String toString() {
          return "an absolute directory path";
        }
      };

  static final ConfigDef.Validator PATH_TEMPLATE =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          try {
            PathTemplate.parse(
                value == null ? "" : ((String) value).strip(), ZoneId.of("UTC"), true);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
          }
        }

        @Override
        public String toString() {
          return "a relative path with " + PathTemplate.PLACEHOLDERS_TEXT;
        }
      };

  static final ConfigDef.Validator ZONE =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          try {
            ZoneId.of(value == null ? "" : ((String) value).strip());
          } catch (DateTimeException e) {
            throw new ConfigException(
                name, value, "must be a time zone id such as UTC, Europe/Paris or +02:00");
          }
        }

        @Override
        public String toString() {
          return "a time zone id";
        }
      };

  static final ConfigDef.Validator LINE_TEMPLATE =
      new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
          if (value == null || ((String) value).isBlank()) {
            return; // only log.format=template needs one, which the config checks
          }
          try {
            LineTemplate.parse((String) value);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
          }
        }

        @Override
        public String toString() {
          return "one line of JSON with ${path} placeholders";
        }
      };
}
