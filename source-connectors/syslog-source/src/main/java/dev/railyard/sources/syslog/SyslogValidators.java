package dev.railyard.sources.syslog;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The validators of {@link SyslogSourceConfig}'s keys that Kafka's ConfigDef does not have. */
final class SyslogValidators {

  private SyslogValidators() {}

  /** A Kafka topic name: 1 to 249 of {@code a-z A-Z 0-9 . _ -}, not {@code .} or {@code ..}. */
  /** One word without white space, such as a host name or an event type. */
  static final class Word implements ConfigDef.Validator {
    private final String example;

    Word(String example) {
      this.example = example;
    }

    @Override
    public void ensureValid(String name, Object value) {
      String s = (String) value;
      if (s == null || s.isEmpty() || !s.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new ConfigException(
            name,
            value,
            "a non-empty value of printable ASCII without spaces is needed, e.g. " + example);
      }
    }

    @Override
    public String toString() {
      return "printable ASCII without spaces, e.g. " + example;
    }
  }

  /** A time-zone id such as UTC, Europe/Paris or +02:00. */
  static final class Zone implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        ZoneId.of((String) value);
      } catch (DateTimeException | NullPointerException e) {
        throw new ConfigException(
            name, value, "a time-zone id is needed, such as UTC, Europe/Paris or +02:00");
      }
    }

    @Override
    public String toString() {
      return "a time-zone id such as UTC, Europe/Paris or +02:00";
    }
  }

  /** A non-empty list of udp and tcp, each at most once. */
  static final class Protocols implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      @SuppressWarnings("unchecked")
      List<String> protocols = (List<String>) value;
      Set<String> seen = new HashSet<>();
      boolean valid = protocols != null && !protocols.isEmpty();
      for (String p : valid ? protocols : List.<String>of()) {
        valid &= (p.equals("udp") || p.equals("tcp")) && seen.add(p);
      }
      if (!valid) {
        throw new ConfigException(
            name, value, "udp, tcp or udp,tcp is needed: the protocols to listen on, each once");
      }
    }

    @Override
    public String toString() {
      return "udp, tcp or udp,tcp";
    }
  }

  /** Absent, or a non-blank path. */
  static final class OptionalPath implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value != null && ((String) value).isBlank()) {
        throw new ConfigException(
            name, value, "a path on the worker is needed, such as /etc/railyard/syslog.p12");
      }
    }

    @Override
    public String toString() {
      return "a path on the worker, such as /etc/railyard/syslog.p12";
    }
  }
}
