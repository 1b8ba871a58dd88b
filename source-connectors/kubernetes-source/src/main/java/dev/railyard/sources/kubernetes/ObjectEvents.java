package dev.railyard.sources.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Makes the CloudEvent of one change to one object, as Knative's ApiServerSource does in its
 * Resource mode: type {@code dev.knative.apiserver.resource.add|update|delete}, source the API
 * server's URL, subject the object's path, the object as JSON data, and Knative's {@code kind},
 * {@code name} and {@code namespace} extensions. The event is the record's value in the structured
 * JSON format; its id is a digest of the object's uid, its resourceVersion and the verb, so a
 * change emitted again after a restart has the id it had. Thread-safe.
 */
final class ObjectEvents {

  static final String TYPE_PREFIX = "dev.knative.apiserver.resource.";
  static final String CONTENT_TYPE = "application/cloudevents+json";

  /** What happened to an object, as the event's type says it. */
  enum Verb {
    ADD,
    UPDATE,
    DELETE;

    String type() {
      return TYPE_PREFIX + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String topic;
  private final String source;
  private final Clock clock;

  ObjectEvents(String topic, String source, Clock clock) {
    this.topic = topic;
    this.source = source;
    this.clock = clock;
  }

  /**
   * The id of a change: the same for the same object, resourceVersion and verb. A delete's id
   * depends on the uid alone, as an object is deleted once, whether the watch saw it (with the
   * deletion's resourceVersion) or a list after a restart found it gone.
   */
  static String id(String uid, String resourceVersion, Verb verb) {
    String text = verb == Verb.DELETE ? uid + "/delete" : uid + "/" + resourceVersion + "/" + verb;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The record of one change.
   *
   * @param object the object as JSON; for a delete found by a list, only its identity
   * @param partition the source partition of the object's bucket
   * @param offset what its bucket has seen once this change is
   */
  SourceRecord record(
      Stream stream,
      Verb verb,
      JsonNode object,
      Map<String, Object> partition,
      Map<String, Object> offset) {
    JsonNode metadata = object.path("metadata");
    String uid = metadata.path("uid").asText();
    String name = metadata.path("name").asText();
    String namespace = metadata.path("namespace").asText("");
    String subject = stream.kind().path(namespace, name);
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", id(uid, metadata.path("resourceVersion").asText(), verb));
    event.put("source", source);
    event.put("type", verb.type());
    event.put("subject", subject);
    event.put("time", Instant.now(clock).toString());
    event.put("datacontenttype", "application/json");
    event.put("kind", stream.kind().kind());
    event.put("name", name);
    if (!namespace.isEmpty()) {
      event.put("namespace", namespace);
    }
    event.set("data", object);
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("content-type", CONTENT_TYPE);
    return new SourceRecord(
        partition,
        offset,
        topic,
        null,
        Schema.BYTES_SCHEMA,
        subject.getBytes(StandardCharsets.UTF_8),
        Schema.BYTES_SCHEMA,
        toBytes(event),
        null,
        headers);
  }

  /** What a delete found by a list says of the object: only who it was. */
  static JsonNode identity(Stream stream, String uid, SeenObjects.Seen seen) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", stream.kind().apiVersion());
    object.put("kind", stream.kind().kind());
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", seen.name());
    if (!seen.namespace().isEmpty()) {
      metadata.put("namespace", seen.namespace());
    }
    metadata.put("uid", uid);
    metadata.put("resourceVersion", seen.resourceVersion());
    return object;
  }

  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  private static byte[] toBytes(JsonNode event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an event that cannot be written as JSON", e);
    }
  }
}
