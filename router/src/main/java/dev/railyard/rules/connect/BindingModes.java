package dev.railyard.rules.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.errors.DataException;

/**
 * Puts an event the router writes on in the other mode of the CloudEvents Kafka binding, for a
 * target that asks for it ({@code cloudEvents: structured | binary}): a binary one becomes the
 * structured JSON its attributes and data make, a structured one the {@code ce_*} headers of its
 * attributes with its data as the value. Only such targets pay for it. Stateless.
 */
final class BindingModes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CE = Topology.CLOUDEVENT_HEADER_PREFIX;
  private static final String CONTENT_TYPE = Topology.CONTENT_TYPE_HEADER;

  private BindingModes() {}

  static KafkaBinding.Output as(Target.EventMode mode, KafkaBinding.Output output) {
    boolean structured =
        output.headers() == KafkaBinding.STRUCTURED_ONLY || isStructured(output.headers());
    if (mode == Target.EventMode.KEEP || (mode == Target.EventMode.STRUCTURED) == structured) {
      return output;
    }
    return mode == Target.EventMode.STRUCTURED ? toStructured(output) : toBinary(output);
  }

  private static boolean isStructured(List<Header> headers) {
    for (Header h : headers) {
      if (h.key().startsWith(CE)) {
        return false;
      }
    }
    return true;
  }

  private static KafkaBinding.Output toStructured(KafkaBinding.Output binary) {
    List<Header> attributes = new ArrayList<>(binary.headers().size());
    String contentType = null;
    for (Header h : binary.headers()) {
      if (h.key().equals(CONTENT_TYPE)) {
        contentType = KafkaBinding.text(h.value());
      } else {
        attributes.add(h);
      }
    }
    return new KafkaBinding.Output(
        KafkaBinding.view(attributes, contentType, binary.value()), KafkaBinding.STRUCTURED_ONLY);
  }

  private static KafkaBinding.Output toBinary(KafkaBinding.Output structured) {
    JsonNode event;
    try {
      event = JSON.readTree(structured.value());
    } catch (IOException e) {
      throw new DataException("the event is not JSON, so it cannot go in binary mode", e);
    }
    List<Header> headers = new ArrayList<>(KafkaBinding.attributes(event));
    JsonNode type = event.get("datacontenttype");
    String contentType = type != null && type.isTextual() ? type.asText() : null;
    byte[] value = null;
    JsonNode data = event.get("data");
    JsonNode base64 = event.get("data_base64");
    if (base64 != null && base64.isTextual()) {
      try {
        value = Base64.getDecoder().decode(base64.asText());
      } catch (IllegalArgumentException e) {
        throw new DataException("the event's data_base64 is not base64: " + e.getMessage());
      }
    } else if (data != null) {
      String media =
          contentType == null
              ? "application/json"
              : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (contentType == null) {
        contentType = "application/json";
      }
      value =
          data.isTextual() && !KafkaBinding.isJson(media)
              ? data.asText().getBytes(StandardCharsets.UTF_8)
              : data.toString().getBytes(StandardCharsets.UTF_8);
    }
    if (contentType != null) {
      headers.add(KafkaBinding.header(CONTENT_TYPE, contentType));
    }
    return new KafkaBinding.Output(value, List.copyOf(headers));
  }
}
