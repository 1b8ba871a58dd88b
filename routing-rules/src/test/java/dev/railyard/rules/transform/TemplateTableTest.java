package dev.railyard.rules.transform;

import static dev.railyard.rules.transform.Events.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One placeholder {@code <v>} per row: the path it reads in {@link Events#EVENT}, the template and
 * the exact output. Templates and outputs are written with {@code '} for {@code "}.
 */
class TemplateTableTest {

  static Stream<Arguments> jsonTemplates() {
    return Stream.of(
        row("string, bare", "$.data.id", "{'a': <v>}", "{'a': 'o-1'}"),
        row("string, quoted", "$.data.id", "{'a': '<v>'}", "{'a': 'o-1'}"),
        row(
            "string, in a sentence",
            "$.data.id",
            "{'a': 'order <v> is paid'}",
            "{'a': 'order o-1 is paid'}"),
        row("decimal, bare", "$.data.amount", "{'a': <v>}", "{'a': 12.5}"),
        row("decimal, quoted", "$.data.amount", "{'a': '<v>'}", "{'a': '12.5'}"),
        row("integer, bare", "$.data.count", "{'a': <v>}", "{'a': 3}"),
        row("integer, in a sentence", "$.data.count", "{'a': '<v> items'}", "{'a': '3 items'}"),
        row("boolean, bare", "$.data.paid", "{'a': <v>}", "{'a': true}"),
        row("boolean, quoted", "$.data.paid", "{'a': '<v>'}", "{'a': 'true'}"),
        row("null, bare", "$.data.refund", "{'a': <v>}", "{'a': null}"),
        row("null, quoted", "$.data.refund", "{'a': '<v>'}", "{'a': 'null'}"),
        row(
            "object, bare",
            "$.data.customer",
            "{'a': <v>}",
            "{'a': {'name':'Zoë','tags':['a','b']}}"),
        row(
            "object, quoted",
            "$.data.customer",
            "{'a': '<v>'}",
            "{'a': '{\\'name\\':\\'Zoë\\',\\'tags\\':[\\'a\\',\\'b\\']}'}"),
        row("array, bare", "$.data.customer.tags", "{'a': <v>}", "{'a': ['a','b']}"),
        row("array, quoted", "$.data.customer.tags", "{'a': '<v>'}", "{'a': '[\\'a\\',\\'b\\']'}"),
        row("missing, bare", "$.data.nope", "{'a': <v>}", "{'a': null}"),
        row("missing, quoted", "$.data.nope", "{'a': '<v>'}", "{'a': ''}"),
        row("missing, in a sentence", "$.data.nope", "{'a': 'x<v>y'}", "{'a': 'xy'}"),
        row("wildcard, bare", "$.data.items[*].sku", "{'a': <v>}", "{'a': ['x','y']}"),
        row(
            "wildcard, quoted",
            "$.data.items[*].sku",
            "{'a': '<v>'}",
            "{'a': '[\\'x\\',\\'y\\']'}"),
        row("wildcard selecting nothing", "$.data.nope[*]", "{'a': <v>}", "{'a': []}"),
        row("index", "$.data.items[1].sku", "{'a': <v>}", "{'a': 'y'}"),
        row("unicode, quoted", "$.data.emoji", "{'a': '<v>!'}", "{'a': 'ü \uD83D\uDE82!'}"),
        row(
            "escapes, quoted",
            "$.data.note",
            "{'a': '<v>'}",
            "{'a': 'say \\'hi\\'\\\\ back\\nnow\\t\\u0001'}"),
        row("escapes, bare", "$.data.note", "[<v>]", "['say \\'hi\\'\\\\ back\\nnow\\t\\u0001']"),
        row(
            "escaped quotes around a placeholder",
            "$.data.id",
            "{'a': 'order \\'<v>\\' paid'}",
            "{'a': 'order \\'o-1\\' paid'}"),
        row(
            "escaped backslash ending a string",
            "$.data.id",
            "{'p': 'c:\\\\', 'a': <v>}",
            "{'p': 'c:\\\\', 'a': 'o-1'}"),
        row(
            "placeholder completing a unicode escape",
            "$.data.hex",
            "{'a': '\\u00<v>'}",
            "{'a': '\\u00e9'}"),
        row("a JSON string", "$.data.id", "  '<v> is paid'", "  'o-1 is paid'"),
        row("a JSON array", "$.data.id", "[<v>, '<v>', 1]", "['o-1', 'o-1', 1]"),
        row(
            "angle brackets that are not a placeholder",
            "$.data.id",
            "{'a': '< <v> >'}",
            "{'a': '< o-1 >'}"));
  }

  static Stream<Arguments> textTemplates() {
    return Stream.of(
        row("string", "$.data.id", "Order <v> was paid", "Order o-1 was paid"),
        row("string needing escapes", "$.data.note", "<v>|", Events.NASTY + "|"),
        row("number", "$.data.amount", "paid <v> EUR", "paid 12.5 EUR"),
        row("boolean", "$.data.paid", "paid: <v>", "paid: true"),
        row("null", "$.data.refund", "refund: <v>", "refund: null"),
        row(
            "object",
            "$.data.customer",
            "customer <v>",
            "customer {\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"]}"),
        row("missing", "$.data.nope", "Order <v> was paid", "Order  was paid"),
        row("wildcard", "$.data.items[*].sku", "skus <v>", "skus [\"x\",\"y\"]"),
        row("starting with a placeholder", "$.data.id", "<v> \"paid\"", "o-1 \"paid\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonTemplates")
  void shouldFillJsonTemplatesByWhereEachPlaceholderStands(
      String why, String path, String template, String expected) throws TransformException {
    String output = Events.apply(Events.template(q(template), "v", path), withHex());

    assertThat(output).isEqualTo(q(expected));
    assertThatCode(() -> Events.JSON.readTree(output))
        .as("output is JSON")
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textTemplates")
  void shouldFillPlainTextTemplatesWithRawText(
      String why, String path, String template, String expected) throws TransformException {
    assertThat(Events.apply(Events.template(template, "v", path))).isEqualTo(expected);
  }

  /** The shared event plus {@code data.hex}, the last two digits of a unicode escape. */
  private static JsonNode withHex() {
    ObjectNode event = Events.EVENT.deepCopy();
    ((ObjectNode) event.get("data")).put("hex", "e9");
    return event;
  }

  private static Arguments row(String why, String path, String template, String expected) {
    return Arguments.of(why, path, template, expected);
  }
}
