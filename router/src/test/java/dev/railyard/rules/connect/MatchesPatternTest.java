package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

class MatchesPatternTest {

  private static final String BIG_ORDER =
      "{\"type\":[\"order.paid\"],\"data\":{\"amount\":[{\"numeric\":[\">\",100]}]}}";
  private static final String PAID_150 =
      "{\"type\":\"order.paid\",\"data\":{\"amount\":150,\"currency\":\"EUR\"}}";
  private static final String PAID_20 =
      "{\"type\":\"order.paid\",\"data\":{\"amount\":20,\"currency\":\"EUR\"}}";

  @Test
  void shouldMatchMapValuesFromJsonConverterWithSchemasOff() {
    // given
    MatchesPattern<SinkRecord> predicate = predicate(Map.of("pattern", BIG_ORDER));
    Object big = converter(false).toConnectData("orders", bytes(PAID_150)).value();
    Object small = converter(false).toConnectData("orders", bytes(PAID_20)).value();

    // then
    assertThat(big).isInstanceOf(Map.class);
    assertThat(predicate.test(record(null, big))).isTrue();
    assertThat(predicate.test(record(null, small))).isFalse();
  }

  @Test
  void shouldMatchStructValuesFromJsonConverterWithSchemasOn() {
    // given
    MatchesPattern<SinkRecord> predicate = predicate(Map.of("pattern", BIG_ORDER));
    String schema =
        "{\"type\":\"struct\",\"fields\":[{\"field\":\"type\",\"type\":\"string\"},"
            + "{\"field\":\"data\",\"type\":\"struct\",\"fields\":[{\"field\":\"amount\",\"type\":\"int64\"},"
            + "{\"field\":\"currency\",\"type\":\"string\",\"optional\":true}]}]}";
    Object big =
        converter(true)
            .toConnectData(
                "orders", bytes("{\"schema\":" + schema + ",\"payload\":" + PAID_150 + "}"))
            .value();
    Object small =
        converter(true)
            .toConnectData(
                "orders", bytes("{\"schema\":" + schema + ",\"payload\":" + PAID_20 + "}"))
            .value();

    // then
    assertThat(big).isInstanceOf(Struct.class);
    assertThat(predicate.test(record(null, big))).isTrue();
    assertThat(predicate.test(record(null, small))).isFalse();
  }

  @Test
  void shouldMatchJsonTextAndUtf8JsonBytes() {
    MatchesPattern<SinkRecord> predicate = predicate(Map.of("pattern", BIG_ORDER));

    assertThat(predicate.test(record(null, PAID_150))).isTrue();
    assertThat(predicate.test(record(null, PAID_20))).isFalse();
    assertThat(predicate.test(record(null, bytes(PAID_150)))).isTrue();
    assertThat(predicate.test(record(null, bytes(PAID_20)))).isFalse();
  }

  @Test
  void shouldMatchNonAsciiTextInUtf8Bytes() {
    MatchesPattern<SinkRecord> predicate = predicate(Map.of("pattern", "{\"city\":[\"Zürich\"]}"));

    assertThat(predicate.test(record(null, bytes("{\"city\":\"Zürich\"}")))).isTrue();
  }

  @Test
  void shouldMatchTheKeyWhenFieldIsKey() {
    // given
    MatchesPattern<SinkRecord> predicate =
        predicate(Map.of("pattern", "{\"tenant\":[\"acme\"]}", "field", "key"));

    // then
    assertThat(predicate.test(record("{\"tenant\":\"acme\"}", "{\"tenant\":\"other\"}"))).isTrue();
    assertThat(predicate.test(record("{\"tenant\":\"other\"}", "{\"tenant\":\"acme\"}"))).isFalse();
    assertThat(predicate.test(record(null, "{\"tenant\":\"acme\"}"))).isFalse();
  }

  @Test
  void shouldMatchHeadersAsOneObjectWithRepeatedNamesAsArrays() {
    // given
    MatchesPattern<SourceRecord> predicate = new MatchesPattern<>();
    predicate.configure(
        Map.of(
            "pattern",
            "{\"source\":[\"billing\"],\"priority\":[{\"numeric\":[\">=\",5]}]}",
            "field",
            "HEADERS"));
    Headers headers = new ConnectHeaders();
    headers
        .addString("source", "shop")
        .addString("source", "billing")
        .addInt("priority", 7)
        .addString("trace", null);

    // then
    assertThat(predicate.test(sourceRecord(headers))).isTrue();
    assertThat(predicate.test(sourceRecord(new ConnectHeaders().addString("source", "billing"))))
        .isFalse();
  }

  @Test
  void shouldNeverMatchANullValueOrRecord() {
    MatchesPattern<SinkRecord> predicate =
        predicate(Map.of("pattern", "{\"a\":[{\"exists\":false}]}"));

    assertThat(predicate.test(record(null, null))).isFalse();
    assertThat(predicate.test(null)).isFalse();
    assertThat(predicate.test(record(null, Map.of()))).isTrue();
  }

  @Test
  void shouldNotMatchValuesThatAreNotJsonObjects() {
    MatchesPattern<SinkRecord> predicate =
        predicate(Map.of("pattern", "{\"a\":[{\"exists\":false}]}"));

    assertThat(predicate.test(record(null, "order 42 paid"))).isFalse();
    assertThat(predicate.test(record(null, "{\"a\": "))).isFalse();
    assertThat(predicate.test(record(null, bytes("not json")))).isFalse();
    assertThat(predicate.test(record(null, "[{\"b\":1}]"))).isFalse();
    assertThat(predicate.test(record(null, 42L))).isFalse();
    assertThat(predicate.test(record(null, List.of(Map.of("b", 1))))).isFalse();
  }

  @Test
  void shouldRejectAnInvalidPatternNamingTheKeyAndThePosition() {
    String pattern =
        "{\"type\": [\"order.paid\"],\n \"data\": {\"amount\": [{\"numeric\": [\">\"]}]}}";

    assertThatThrownBy(() -> predicate(Map.of("pattern", pattern)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("for configuration pattern")
        .hasMessageContaining("data.amount")
        .hasMessageMatching("(?s).*\\b2:\\d+ .*")
        .hasMessageContaining("numeric needs an operator followed by a number");
  }

  @Test
  void shouldReportEveryPatternProblemOnThePatternKeyWhenValidated() {
    // Connect's validate endpoint runs the predicate's ConfigDef like this
    Map<String, String> props =
        Map.of("pattern", "{\"a\": [{\"prefix\": 1}], \"b\": [{\"nope\": 2}]}");

    List<ConfigValue> values = new MatchesPattern<SinkRecord>().config().validate(props);

    ConfigValue pattern =
        values.stream().filter(v -> v.name().equals("pattern")).findFirst().orElseThrow();
    assertThat(pattern.errorMessages())
        .singleElement()
        .asString()
        .contains("2 problems:\n1:19 a: prefix needs a string")
        .contains("\n1:31 b: unknown operator");
    assertThat(values)
        .filteredOn(v -> v.name().equals("field"))
        .allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
  }

  @Test
  void shouldRequireAPatternAndAKnownField() {
    assertThatThrownBy(() -> predicate(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pattern");
    assertThatThrownBy(() -> predicate(Map.of("pattern", BIG_ORDER, "field", "topic")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("field");
  }

  @Test
  void shouldBeDiscoverableAsAPredicatePluginWithAVersion() {
    @SuppressWarnings("rawtypes")
    List<Class<?>> plugins =
        ServiceLoader.load(Predicate.class).stream()
            .<Class<?>>map(ServiceLoader.Provider::type)
            .toList();

    assertThat(plugins).contains(MatchesPattern.class);
    assertThat(new MatchesPattern<SinkRecord>().version()).isEqualTo(RouterSinkConnector.VERSION);
  }

  private static MatchesPattern<SinkRecord> predicate(Map<String, String> config) {
    MatchesPattern<SinkRecord> predicate = new MatchesPattern<>();
    predicate.configure(config);
    return predicate;
  }

  private static SinkRecord record(Object key, Object value) {
    return new SinkRecord("orders", 0, null, key, null, value, 7L);
  }

  private static SourceRecord sourceRecord(Headers headers) {
    return new SourceRecord(
        Map.of(),
        Map.of(),
        "orders",
        0,
        Schema.STRING_SCHEMA,
        "k",
        Schema.STRING_SCHEMA,
        "{}",
        null,
        headers);
  }

  private static JsonConverter converter(boolean schemas) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", schemas), false);
    return converter;
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
