package dev.railyard.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies as JSON with Jackson, so a malformed body is answered with the parser's line
 * and column. Duplicate keys and trailing content are rejected. Thread-safe.
 */
final class JsonBodies {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JsonBodies() {}

  /**
   * The body as a JSON tree.
   *
   * @throws ApiException 415 when the body is not declared as JSON, 400 when it is empty or not
   *     well-formed JSON
   */
  static JsonNode read(RoutingContext ctx) {
    BodyTypes.requireJson(ctx);
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw emptyBody();
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw ApiException.badRequest("MALFORMED_JSON", "Unreadable JSON: " + e.getMessage(), null);
    }
    if (tree == null || tree.isMissingNode()) {
      throw emptyBody();
    }
    return tree;
  }

  /** A JSON object as maps, lists, strings, numbers, booleans and nulls. */
  static Map<String, Object> toMap(JsonNode object) {
    return MAPPER.convertValue(object, MAP);
  }

  /** A short name of a node's JSON type, for messages. */
  static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static ApiException emptyBody() {
    return ApiException.badRequest(
        "MISSING_BODY", "The request body is empty; JSON is expected", null);
  }

  private static ApiException malformed(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    Map<String, Object> details = new LinkedHashMap<>();
    String where = "";
    if (location != null && location.getLineNr() > 0) {
      details.put("line", location.getLineNr());
      details.put("column", location.getColumnNr());
      where = " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
    return ApiException.badRequest(
        "MALFORMED_JSON", "Malformed JSON" + where + ": " + e.getOriginalMessage(), details);
  }
}
