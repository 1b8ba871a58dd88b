package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key's bad values, as Connect's validate endpoint (and so PUT /api/v1/connectors) shows. */
class LogSourceConnectorTest {

  private static final Map<String, String> GOOD =
      Map.of("connector.class", LogSourceConnector.class.getName(), "log.paths", "/var/log/*.log");

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("log.paths", "", "at least one absolute glob"),
        Arguments.of("log.paths", "logs/*.log", "must be an absolute path"),
        Arguments.of("log.paths", "/var/log/[a.log", "not a valid glob"),
        Arguments.of("log.exclude", "debug.log", "must be an absolute path"),
        Arguments.of("log.rotated.suffix", "(", "not a Java regular expression"),
        Arguments.of("bus", "no spaces", "letters, digits"),
        Arguments.of("topic", "no spaces", "must be a Kafka topic name"),
        Arguments.of("log.start.at", "middle", "beginning, end"),
        Arguments.of("log.fingerprint.bytes", "8", "at least 16"),
        Arguments.of("log.rescan.interval.ms", "10", "at least 100"),
        Arguments.of("log.poll.wait.ms", "0", "at least 10"),
        Arguments.of("log.batch.max.records", "0", "at least 1"),
        Arguments.of("log.line.max.bytes", "1", "at least 64"),
        Arguments.of("log.partial.line.timeout.ms", "-1", "at least 0"),
        Arguments.of("log.rotation.drain.ms", "x", "Not a number of type LONG"),
        Arguments.of("log.multiline.start.pattern", "[", "not a Java regular expression"),
        Arguments.of("log.multiline.continue.pattern", "*", "not a Java regular expression"),
        Arguments.of("log.multiline.max.lines", "0", "at least 1"),
        Arguments.of("log.multiline.timeout.ms", "0", "at least 1"),
        Arguments.of("log.format", "xml", "raw, json, logfmt, regex"),
        Arguments.of("log.format.regex", "(?<a>", "not a Java regular expression"),
        Arguments.of("log.event.type", "", "String may not be empty"),
        Arguments.of("log.time.format", "qqqqqq", "iso, epoch_millis, epoch_seconds"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void shouldReportABadValueAgainstItsKeyWithWhatWouldBeValid(
      String key, String value, String expected) {
    // given a config with one bad value
    Map<String, String> config = new HashMap<>(GOOD);
    config.put(key, value);

    // when Connect validates it
    List<String> errors = errorsOf(config, key);

    // then that key has an error saying what would be valid, and no other key has one
    assertThat(errors).as(key).isNotEmpty().anySatisfy(e -> assertThat(e).contains(expected));
    assertThat(otherErrors(config, key)).isEmpty();
    assertThatThrownBy(() -> new LogSourceConfig(config)).isInstanceOf(ConfigException.class);
  }

  static Stream<Arguments> keysThatDoNotGoTogether() {
    return Stream.of(
        Arguments.of(Map.of("log.format", "regex"), "log.format.regex", "needs a regular"),
        Arguments.of(
            Map.of("log.format", "regex", "log.format.regex", "(\\w+) (.*)"),
            "log.format.regex",
            "no named group"),
        Arguments.of(Map.of("log.format.regex", "(?<a>.*)"), "log.format.regex", "only with"),
        Arguments.of(
            Map.of("log.multiline.start.pattern", "^\\d", "log.multiline.continue.pattern", "^ "),
            "log.multiline.continue.pattern",
            "not both"),
        Arguments.of(Map.of("log.time.field", "ts"), "log.time.field", "needs a log.format"),
        Arguments.of(Map.of("bus", "logs", "topic", "raw.logs"), "bus", "set either bus"),
        Arguments.of(Map.of("bus", "logs", "topic", "raw.logs"), "topic", "set either bus"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("keysThatDoNotGoTogether")
  void shouldReportKeysThatDoNotGoTogetherAgainstTheKeyToChange(
      Map<String, String> values, String key, String expected) {
    Map<String, String> config = new HashMap<>(GOOD);
    config.putAll(values);

    assertThat(errorsOf(config, key)).anySatisfy(e -> assertThat(e).contains(expected));
    assertThatThrownBy(() -> new LogSourceConfig(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key);
  }

  @Test
  void shouldAcceptAFullConfig() {
    Map<String, String> config = new HashMap<>(GOOD);
    config.putAll(
        Map.of(
            "log.format", "regex",
            "log.format.regex", "(?<ts>\\S+) (?<level>[A-Z]+) (?<message>.*)",
            "log.time.field", "ts",
            "log.multiline.start.pattern", "^\\d{4}-",
            "bus", "app-logs",
            "log.time.format", "yyyy-MM-dd'T'HH:mm:ssXXX"));

    assertThat(new LogSourceConnector().validate(config).configValues())
        .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
    assertThat(new LogSourceConfig(config).topic()).isEqualTo("railyard.bus.app-logs");
  }

  @Test
  void shouldWriteToTheDefaultBusOrToATopicGivenOutsideABus() {
    Map<String, String> topic = new HashMap<>(GOOD);
    topic.put("topic", "raw.logs");

    assertThat(new LogSourceConfig(GOOD).topic()).isEqualTo("railyard.bus.default");
    assertThat(new LogSourceConfig(topic).topic()).isEqualTo("raw.logs");
  }

  @Test
  void shouldDealThePatternsOutAmongTheTasksAndSupportExactlyOnce() {
    // given three patterns
    Map<String, String> config = new HashMap<>(GOOD);
    config.put("log.paths", "/a/*.log,/b/*.log,/c/*.log");
    LogSourceConnector connector = new LogSourceConnector();
    connector.start(config);

    // when two tasks are asked for, then five
    List<Map<String, String>> two = connector.taskConfigs(2);
    List<Map<String, String>> five = connector.taskConfigs(5);

    // then each pattern is one task's, and no task is idle
    assertThat(two)
        .extracting(c -> c.get("log.paths"))
        .containsExactly("/a/*.log,/c/*.log", "/b/*.log");
    assertThat(five)
        .hasSize(3)
        .extracting(c -> c.get("log.task.index"))
        .containsExactly("0", "1", "2");
    assertThat(connector.exactlyOnceSupport(config)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
  }

  private static List<String> errorsOf(Map<String, String> config, String key) {
    return new LogSourceConnector()
        .validate(config).configValues().stream()
            .filter(v -> v.name().equals(key))
            .flatMap(v -> v.errorMessages().stream())
            .toList();
  }

  private static List<String> otherErrors(Map<String, String> config, String key) {
    return new LogSourceConnector()
        .validate(config).configValues().stream()
            .filter(v -> !v.name().equals(key))
            .map(ConfigValue::errorMessages)
            .flatMap(List::stream)
            .toList();
  }
}
