package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every key refuses what it cannot use, naming itself and what would be valid. */
class LogSinkConfigTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "log.directory|relative/dir|absolute directory path",
        "log.directory|' '|absolute directory path",
        "log.path|{bus}/{year}|unknown placeholder {year}; valid are the placeholders {bus}",
        "log.path|/abs/{bus}|must be relative",
        "log.path|a/../b|may not begin with '.'",
        "log.path|a//b|empty folder name",
        "log.path|{bus|not closed",
        "log.path|a}b|'}' without its '{'",
        "log.path|a b|may hold only letters",
        "log.path.time|wall|one of: event, record",
        "log.path.timezone|Mars/Olympus|time zone id such as UTC",
        "log.format|avro|one of: cloudevent, data, template",
        "log.template|{\"a\": ${a b}}|${data.pod.name}",
        "log.template|{\"a\": \"${id}\"|one JSON value",
        "log.template|{\"a\": ${id}} x|one JSON value",
        "log.template|{\"a\": ${id|not closed",
        "log.roll.bytes|0|Value must be at least 1",
        "log.roll.bytes|big|Not a number of type LONG",
        "log.roll.interval.ms|999|Value must be at least 1000",
        "log.compression|lz4|one of: gzip, zstd, none",
        "log.retention.files|-1|Value must be at least 0",
        "log.retention.bytes|-1|Value must be at least 0",
        "log.retention.ms|-5|Value must be at least 0",
        "log.dedupe.window|-1|Value must be at least 0",
        "log.dedupe.window|2000000|Value must be no more than 1000000",
      })
  void shouldRefuseABadValueNamingTheKeyAndWhatWouldBeValid(String key, String value, String hint) {
    // given an otherwise good config with one bad value
    Map<String, String> props = good();
    props.put(key, value);

    // then the config refuses it, and so does Connect's validate, against that key
    assertThatThrownBy(() -> new LogSinkConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(hint);
    assertThat(errorsOf(props, key)).anySatisfy(e -> assertThat(e).contains(hint));
  }

  @Test
  void shouldAskForATemplateWithTheTemplateFormat() {
    // given the template format without a template
    Map<String, String> props = good();
    props.put(LogSinkConfig.FORMAT_CONFIG, "template");

    // then validate names log.template and gives an example
    assertThat(errorsOf(props, LogSinkConfig.TEMPLATE_CONFIG))
        .anySatisfy(e -> assertThat(e).contains("{\"id\": ${id}}").contains("log.format=template"));
  }

  @Test
  void shouldTakeAGoodConfigWithoutErrors() {
    // given every key set to a good value
    Map<String, String> props = good();
    props.putAll(
        Map.of(
            "log.path", "year={yyyy}/month={MM}/{bus}-{rule}/{dd}{HH}",
            "log.format", "template",
            "log.template",
                "{\"id\": ${id}, \"pod\": ${data.pod.name}, \"first\": ${data.items.0}}",
            "log.path.timezone", "Europe/Paris",
            "log.compression", "zstd",
            "log.retention.files", "10"));

    // then it is valid, and each key has a doc string
    new LogSinkConfig(props);
    for (String key : List.copyOf(props.keySet())) {
      assertThat(errorsOf(props, key)).as(key).isEmpty();
    }
    assertThat(LogSinkConfig.CONFIG_DEF.configKeys().values())
        .allSatisfy(k -> assertThat(k.documentation).as(k.name).hasSizeGreaterThan(30))
        .allSatisfy(k -> assertThat(k.validator).as(k.name).isNotNull());
  }

  private static List<String> errorsOf(Map<String, String> props, String key) {
    Map<String, String> all = new HashMap<>(props);
    all.put("connector.class", LogSinkConnector.class.getName());
    all.put("topics", "railyard.bus.pods");
    return new LogSinkConnector()
        .validate(all).configValues().stream()
            .filter(v -> v.name().equals(key))
            .map(ConfigValue::errorMessages)
            .findFirst()
            .orElseThrow(() -> new AssertionError("validate did not report " + key));
  }

  private static Map<String, String> good() {
    Map<String, String> props = new HashMap<>();
    props.put(LogSinkConfig.DIRECTORY_CONFIG, "/var/log/railyard");
    return props;
  }
}
