package dev.railyard.rules.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.Transform;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The event the transformer tests share, and helpers to write JSON with single quotes. */
final class Events {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String RULE = "orders-paid";
  static final Instant INGESTED = Instant.parse("2026-11-26T13:05:00.123Z");

  /**
   * Text that needs every kind of JSON escape: quotes, a backslash, a newline, a tab and a control
   * character.
   */
  static final String NASTY = "say \"hi\"\\ back\nnow\t" + (char) 1;

  static final JsonNode EVENT = event();
  static final byte[] EVENT_JSON = bytes(EVENT);

  private Events() {}

  private static JsonNode event() {
    ObjectNode event =
        (ObjectNode)
            json(
                "{'source': 'shop', 'detail-type': 'Order Paid', 'data': {"
                    + "'id': 'o-1', 'amount': 12.5, 'count': 3, 'paid': true, 'refund': null,"
                    + "'emoji': '\u00fc \uD83D\uDE82',"
                    + "'customer': {'name': 'Zo\u00eb', 'tags': ['a', 'b']}, 'items': [{'sku': 'x'}, {'sku': 'y'}]}}");
    ((ObjectNode) event.get("data")).put("note", NASTY);
    return event;
  }

  /** Parses JSON written with {@code '} for {@code "}. */
  static JsonNode json(String singleQuoted) {
    try {
      return JSON.readTree(q(singleQuoted));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code '} to {@code "}, so that JSON reads in Java source. */
  static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A template transform from alternating variable names and path texts. */
  static Transform.Template template(String template, String... namesAndPaths) {
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    for (int i = 0; i < namesAndPaths.length; i += 2) {
      paths.put(namesAndPaths[i], JsonPath.parse(namesAndPaths[i + 1]));
    }
    return new Transform.Template(paths, template);
  }

  /** Applies {@code transform} to the shared event and decodes the result. */
  static String apply(Transform transform) throws TransformException {
    return apply(transform, EVENT);
  }

  static String apply(Transform transform, JsonNode event) throws TransformException {
    byte[] out = Transformer.of(transform).apply(event, bytes(event), RULE, INGESTED);
    return new String(out, StandardCharsets.UTF_8);
  }
}
