package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
  void shouldDealTheFilesOutAmongTheTasksWhateverPatternTheyCameFromAndSupportExactlyOnce(
      @TempDir Path dir) throws IOException {
    // given one pattern matching five files, and a second pattern matching none yet
    for (String name : List.of("e.log", "a.log", "c.log", "b.log", "d.log", "skip.txt")) {
      Files.writeString(dir.resolve(name), "line\n");
    }
    Map<String, String> config = new HashMap<>(GOOD);
    config.put("log.paths", dir.resolve("*.log") + "," + dir.resolve("later/*.log"));
    LogSourceConnector connector = started(config, new AtomicInteger());

    // when two tasks are asked for, then eight
    List<Map<String, String>> two = connector.taskConfigs(2);
    List<Map<String, String>> eight = connector.taskConfigs(8);

    // then every task has every pattern and the same sorted list of the files, and there are as
    // many tasks as files, no more
    String files =
        Stream.of("a", "b", "c", "d", "e")
            .map(n -> dir.resolve(n + ".log").toString())
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(two)
        .extracting(c -> c.get("log.paths"), c -> c.get("log.task.files"))
        .containsOnly(org.assertj.core.groups.Tuple.tuple(config.get("log.paths"), files));
    assertThat(two).extracting(c -> c.get("log.task.count")).containsOnly("2");
    assertThat(eight)
        .hasSize(5)
        .extracting(c -> c.get("log.task.index"))
        .containsExactly("0", "1", "2", "3", "4");
    assertThat(connector.exactlyOnceSupport(config)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    connector.stop();
  }

  @Test
  void shouldMakeATaskPerPatternWhileTheirFilesAreStillToCome(@TempDir Path dir) {
    Map<String, String> config = new HashMap<>(GOOD);
    config.put("log.paths", dir.resolve("a/*.log") + "," + dir.resolve("b/*.log"));
    LogSourceConnector connector = started(config, new AtomicInteger());

    assertThat(connector.taskConfigs(4)).hasSize(2);
    assertThat(connector.taskConfigs(1)).hasSize(1);
    connector.stop();
  }

  @Test
  void shouldAskForNewTaskConfigsWhenFilesThatCameLaterWouldMakeMoreTasks(@TempDir Path dir)
      throws IOException {
    // given a connector with one file of its one pattern, at one task of at most three
    Files.writeString(dir.resolve("a.log"), "line\n");
    Map<String, String> config = new HashMap<>(GOOD);
    config.put("log.paths", dir.resolve("*.log").toString());
    config.put("log.rescan.interval.ms", "100");
    AtomicInteger asked = new AtomicInteger();
    LogSourceConnector connector = started(config, asked);
    assertThat(connector.taskConfigs(3)).hasSize(1);

    // when a second file appears, then Connect is asked for task configs again
    Files.writeString(dir.resolve("b.log"), "line\n");
    await("a reconfiguration asked for")
        .atMost(Duration.ofSeconds(10))
        .until(() -> asked.get() > 0);
    assertThat(connector.taskConfigs(3)).hasSize(2);
    connector.stop();
  }

  private static LogSourceConnector started(Map<String, String> config, AtomicInteger asked) {
    LogSourceConnector connector = new LogSourceConnector();
    connector.initialize(
        new ConnectorContext() {
          @Override
          public void requestTaskReconfiguration() {
            asked.incrementAndGet();
          }

          @Override
          public void raiseError(Exception e) {
            throw new AssertionError("the connector raised an error", e);
          }

          @Override
          public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
          }
        });
    connector.start(config);
    return connector;
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
