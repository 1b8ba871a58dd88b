package dev.railyard.rules.transform;

import static dev.railyard.rules.transform.Events.EVENT;
import static dev.railyard.rules.transform.Events.EVENT_JSON;
import static dev.railyard.rules.transform.Events.INGESTED;
import static dev.railyard.rules.transform.Events.RULE;
import static dev.railyard.rules.transform.Events.json;
import static dev.railyard.rules.transform.Events.q;
import static dev.railyard.rules.transform.Events.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.Transform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransformerTest {

  @Test
  void shouldPassTheWholeEventUnchanged() throws TransformException {
    byte[] eventJson = "{ \"data\" : {\"id\": \"o-1\"} }".getBytes(StandardCharsets.UTF_8);

    byte[] out = Transformer.of(new Transform.WholeEvent()).apply(EVENT, eventJson, RULE, INGESTED);

    assertThat(out).isSameAs(eventJson);
  }

  @Test
  void shouldNeedTheParsedEventOnlyForPathsAndTemplates() throws TransformException {
    byte[] eventJson = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(Transformer.of(new Transform.WholeEvent()).needsEvent()).isFalse();
    assertThat(Transformer.of(new Transform.WholeEvent()).apply(null, eventJson, RULE, INGESTED))
        .isSameAs(eventJson);
    assertThat(Transformer.of(new Transform.Constant("{\"a\":1}")).needsEvent()).isFalse();
    assertThat(Transformer.of(new Transform.InputPath(JsonPath.parse("$.data"))).needsEvent())
        .isTrue();
    assertThatThrownBy(
            () ->
                Transformer.of(new Transform.InputPath(JsonPath.parse("$.data")))
                    .apply(null, eventJson, RULE, INGESTED))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void shouldNameTheMediaTypeOfWhatItMakes() throws TransformException {
    Transformer path = Transformer.of(new Transform.InputPath(JsonPath.parse("$.data.amount")));
    Transformer text = Transformer.of(template("Rule <rule>", "rule", "$.type"));
    Transformer object = Transformer.of(template(" {\"id\": <id>}", "id", "$.data.id"));

    assertThat(path.mediaType(path.apply(EVENT, EVENT_JSON, RULE, INGESTED)))
        .isEqualTo("application/json");
    assertThat(text.mediaType(text.apply(EVENT, EVENT_JSON, RULE, INGESTED)))
        .isEqualTo("text/plain; charset=utf-8");
    assertThat(object.mediaType(object.apply(EVENT, EVENT_JSON, RULE, INGESTED)))
        .isEqualTo("application/json");
    assertThat(Transformer.of(new Transform.WholeEvent()).wholeEvent()).isTrue();
    assertThat(path.wholeEvent()).isFalse();
  }

  @Test
  void shouldSendTheJsonOfWhatTheInputPathSelects() throws TransformException {
    assertThat(inputPath("$.data.customer")).isEqualTo(q("{'name':'Zoë','tags':['a','b']}"));
    assertThat(inputPath("$.data.id")).isEqualTo(q("'o-1'"));
    assertThat(inputPath("$.data.amount")).isEqualTo("12.5");
    assertThat(inputPath("$.data.items[*].sku")).isEqualTo(q("['x','y']"));
    assertThat(inputPath("$")).isEqualTo(new String(EVENT_JSON, StandardCharsets.UTF_8));
  }

  @Test
  void shouldSendJsonNullWhenTheInputPathSelectsNothing() throws TransformException {
    assertThat(inputPath("$.data.nope")).isEqualTo("null");
    assertThat(inputPath("$.data.refund")).isEqualTo("null");
  }

  @Test
  void shouldSendTheConstantAsAFreshArrayEachTime() throws TransformException {
    Transformer constant = Transformer.of(new Transform.Constant("{\"fixed\":[1,\"ü\"]}"));

    byte[] first = constant.apply(EVENT, EVENT_JSON, RULE, INGESTED);
    first[0] = 'X';

    assertThat(
            new String(constant.apply(EVENT, EVENT_JSON, RULE, INGESTED), StandardCharsets.UTF_8))
        .isEqualTo("{\"fixed\":[1,\"ü\"]}");
  }

  @Test
  void shouldFillTheDesignDocumentExample() throws TransformException {
    Transform.Template orders =
        template(
            "{\"orderId\": \"<id>\", \"amount\": <amount>}",
            "id",
            "$.data.id",
            "amount",
            "$.data.amount");

    assertThat(Events.apply(orders)).isEqualTo("{\"orderId\": \"o-1\", \"amount\": 12.5}");
    assertThat(Events.apply(orders, json("{'data': {'id': 'o-2'}}")))
        .isEqualTo("{\"orderId\": \"o-2\", \"amount\": null}");
    assertThat(Events.apply(orders, json("{'data': {'id': 7, 'amount': '12'}}")))
        .isEqualTo("{\"orderId\": \"7\", \"amount\": \"12\"}");
  }

  @Test
  void shouldFillPredefinedVariablesInJson() throws Exception {
    Transform.Template t =
        template(
            q(
                "{'rule': <railyard.rule-name>, 'at': '<railyard.ingestion-time>', "
                    + "'event': <railyard.event.json>, 'text': '<railyard.event.json>', "
                    + "'says': '<railyard.rule-name> ran'}"));

    JsonNode out = Events.JSON.readTree(Events.apply(t));

    assertThat(out.get("rule").textValue()).isEqualTo(RULE);
    assertThat(out.get("at").textValue()).isEqualTo("2026-11-26T13:05:00.123Z");
    assertThat(out.get("event")).isEqualTo(EVENT);
    assertThat(out.get("text").textValue())
        .isEqualTo(new String(EVENT_JSON, StandardCharsets.UTF_8));
    assertThat(out.get("says").textValue()).isEqualTo("orders-paid ran");
  }

  @Test
  void shouldInsertTheEventJsonAsItArrived() throws TransformException {
    byte[] spaced = "{ \"data\" :\n {\"id\": \"o-1\"} }".getBytes(StandardCharsets.UTF_8);
    Transformer t = Transformer.of(template("{\"e\": <railyard.event.json>}"));

    byte[] out = t.apply(json("{'data': {'id': 'o-1'}}"), spaced, RULE, INGESTED);

    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("{\"e\": { \"data\" :\n {\"id\": \"o-1\"} }}");
  }

  @Test
  void shouldFillPredefinedVariablesInPlainText() throws TransformException {
    Transform.Template t =
        template(
            "Rule <railyard.rule-name> saw <id> at <railyard.ingestion-time>", "id", "$.data.id");

    assertThat(Events.apply(t)).isEqualTo("Rule orders-paid saw o-1 at 2026-11-26T13:05:00.123Z");
  }

  @Test
  void shouldRejectAJsonLookingTemplateWhoseOutputIsNotJson() {
    Transformer t = Transformer.of(template("{\"paid\": <paid>1}", "paid", "$.data.paid"));

    assertThatThrownBy(() -> t.apply(EVENT, EVENT_JSON, RULE, INGESTED))
        .isInstanceOf(TransformException.class)
        .hasMessageStartingWith(
            "rule 'orders-paid': the template looks like JSON but its output is not JSON"
                + " after placeholder <paid> ($.data.paid): Unrecognized token 'true1'")
        .hasMessageEndingWith("; output: {\"paid\": true1}")
        .satisfies(e -> assertThat(((TransformException) e).ruleName()).isEqualTo(RULE));
  }

  @Test
  void shouldAcceptTheSameTemplateForEventsWhereItRendersJson() throws TransformException {
    Transform.Template t = template("{\"amount\": <amount>1}", "amount", "$.data.amount");

    assertThat(Events.apply(t, json("{'data': {'amount': 2}}"))).isEqualTo("{\"amount\": 21}");
    assertThatThrownBy(() -> Events.apply(t, json("{'data': {'amount': true}}")))
        .isInstanceOf(TransformException.class);
    assertThat(Events.apply(template("[-<n>]", "n", "$.n"), json("{'n': 1}"))).isEqualTo("[-1]");
  }

  @Test
  void shouldBlameTheTemplateWhenItsOwnTextIsNotJson() {
    Transformer t = Transformer.of(template("{\"id\": <id>,}", "id", "$.data.id"));

    assertThatThrownBy(() -> t.apply(EVENT, EVENT_JSON, RULE, INGESTED))
        .isInstanceOf(TransformException.class)
        .hasMessageContaining("after placeholder <id> ($.data.id)");
    assertThatThrownBy(() -> Events.apply(template("{\"a\" 1, \"id\": <id>}", "id", "$.data.id")))
        .hasMessageContaining("(the template's own text is not JSON)");
    assertThatThrownBy(() -> Events.apply(template("{\"id\": <id>} {}", "id", "$.data.id")))
        .hasMessageContaining("more than one JSON value");
  }

  @Test
  void shouldShowOnlyTheFirst200CharactersOfABadOutput() {
    JsonNode event = json("{'long': '" + "z".repeat(300) + "'}");

    assertThatThrownBy(() -> Events.apply(template("{\"a\": <v>} x", "v", "$.long"), event))
        .hasMessageEndingWith("; output: {\"a\": \"" + "z".repeat(200 - 7) + "...");
  }

  @Test
  void shouldCheckOutputsOnlyOfTemplatesThatCanRenderInvalidJson() {
    assertThat(
            compiled("{\"a\": <v>, \"b\": \"x <v> y\", \"c\": [<v>, <railyard.event.json>]}")
                .validates())
        .isFalse();
    assertThat(compiled("Order <v> {").validates()).isFalse();
    assertThat(compiled("{\"a\": <v>1}").validates()).isTrue();
    assertThat(compiled("{\"a\": \"\\u00<v>\"}").validates()).isTrue();
    assertThat(compiled("{\"a\": \"\\<v>\"}").validates()).isTrue();
  }

  @Test
  void shouldTreatOnlyObjectsArraysAndStringsAsJsonLooking() {
    assertThat(CompiledTemplate.looksLikeJson(" \n{}")).isTrue();
    assertThat(CompiledTemplate.looksLikeJson("[1]")).isTrue();
    assertThat(CompiledTemplate.looksLikeJson("\t\"x\"")).isTrue();
    assertThat(CompiledTemplate.looksLikeJson("12")).isFalse();
    assertThat(CompiledTemplate.looksLikeJson("<v>")).isFalse();
    assertThat(CompiledTemplate.looksLikeJson("  ")).isFalse();
  }

  @Test
  void shouldGiveEachEventItsOwnValues() throws TransformException {
    Transformer t = Transformer.of(template("\"<id>\"", "id", "$.id"));

    byte[] one = t.apply(json("{'id': 'a'}"), new byte[0], RULE, INGESTED);
    byte[] two = t.apply(json("{'id': 'b'}"), new byte[0], "other", INGESTED);

    assertThat(new String(one, StandardCharsets.UTF_8)).isEqualTo("\"a\"");
    assertThat(new String(two, StandardCharsets.UTF_8)).isEqualTo("\"b\"");
  }

  private static String inputPath(String path) throws TransformException {
    return Events.apply(new Transform.InputPath(JsonPath.parse(path)));
  }

  private static CompiledTemplate compiled(String template) {
    return CompiledTemplate.compile(template(template, "v", "$.v"));
  }
}
