package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EventBridge envelope and patterns mapped to the CloudEvent form a bus holds, and back. */
class EnvelopeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Envelope envelope =
      new Envelope(
          Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC), () -> "id-1");

  @Test
  void shouldMapAPutEventsEntryToACloudEventOnItsBus() throws Exception {
    JsonNode entry =
        JSON.readTree(
            "{\"Source\":\"shop\",\"DetailType\":\"order.paid\",\"Detail\":\"{\\\"amount\\\":120}\","
                + "\"EventBusName\":\"arn:aws:events:us-east-1:000000000000:event-bus/orders\","
                + "\"Resources\":[\"arn:a\",\"arn:b\"],\"Time\":1764763200}");

    Map<String, Object> event = envelope.entryToCloudEvent(entry, "eu-west-1");

    assertThat(event)
        .containsEntry("bus", "orders")
        .containsEntry("specversion", "1.0")
        .containsEntry("id", "id-1")
        .containsEntry("source", "shop")
        .containsEntry("type", "order.paid")
        .containsEntry("time", "2025-12-03T12:00:00Z")
        .containsEntry("account", Envelope.ACCOUNT)
        .containsEntry("region", "eu-west-1")
        .containsEntry("resources", "arn:a,arn:b")
        .containsEntry("datacontenttype", "application/json")
        .containsEntry("data", Map.of("amount", 120));
  }

  @Test
  void shouldRefuseAnEntryByItsFieldWithEventBridgesCodes() throws Exception {
    assertThatThrownBy(
            () ->
                envelope.entryToCloudEvent(
                    JSON.readTree("{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"[1\"}"),
                    "r"))
        .isInstanceOfSatisfying(
            Envelope.EntryError.class, e -> assertThat(e.code()).isEqualTo("MalformedDetail"))
        .hasMessageStartingWith("Detail is not valid JSON");
    assertThatThrownBy(
            () ->
                envelope.entryToCloudEvent(
                    JSON.readTree("{\"Source\":\"s\",\"Detail\":\"{}\"}"), "r"))
        .isInstanceOfSatisfying(
            Envelope.EntryError.class, e -> assertThat(e.code()).isEqualTo("InvalidArgument"))
        .hasMessage("DetailType is required: a non-empty string");
    assertThatThrownBy(() -> envelope.entryToCloudEvent(JSON.readTree("{\"Colour\":\"red\"}"), "r"))
        .hasMessageStartingWith("Colour is not a field of a PutEvents entry");
  }

  @Test
  void shouldMapAPatternToTheCloudEventAndBack() throws Exception {
    String eventBridge =
        "{\"source\":[\"shop\"],\"detail-type\":[\"order.paid\"],"
            + "\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]},\"region\":[\"us-east-1\"]}";

    String cloudEvent = Envelope.patternToCloudEvent(eventBridge);

    assertThat(JSON.readTree(cloudEvent))
        .isEqualTo(
            JSON.readTree(
                "{\"source\":[\"shop\"],\"type\":[\"order.paid\"],"
                    + "\"data\":{\"amount\":[{\"numeric\":[\">\",100]}]},\"region\":[\"us-east-1\"]}"));
    assertThat(JSON.readTree(Envelope.patternToEventBridge(JSON.readTree(cloudEvent))))
        .isEqualTo(JSON.readTree(eventBridge));
  }

  @Test
  void shouldRefuseAPatternOnResourcesOrOnAFieldEventBridgeEventsDoNotHave() {
    assertThatThrownBy(() -> Envelope.patternToCloudEvent("{\"resources\":[\"arn:a\"]}"))
        .isInstanceOfSatisfying(
            AwsException.class, e -> assertThat(e.type()).isEqualTo("InvalidEventPatternException"))
        .hasMessageContaining("EventPattern.resources")
        .hasMessageContaining("but not resources");
    assertThatThrownBy(() -> Envelope.patternToCloudEvent("{\"colour\":[\"red\"]}"))
        .hasMessageContaining("colour is not a field of an EventBridge event");
    assertThatThrownBy(() -> Envelope.patternToCloudEvent("{\"source\":"))
        .hasMessageStartingWith("EventPattern is not valid JSON");
  }

  @Test
  void shouldKeepCloudEventFiltersAndFieldsWithoutAnEventBridgeNameAsTheyAre() throws Exception {
    JsonNode filters = JSON.readTree("[{\"exact\":{\"type\":\"a\"}}]");

    assertThat(Envelope.patternToEventBridge(filters)).isEqualTo(filters.toString());
    assertThat(Envelope.patternToEventBridge(JSON.readTree("{\"subject\":[\"x\"]}")))
        .isEqualTo("{\"subject\":[\"x\"]}");
  }

  @Test
  void shouldMapATestEventAndFillWhatItLacks() throws Exception {
    String event =
        envelope.eventToCloudEvent(
            "{\"source\":\"shop\",\"detail-type\":\"order.paid\",\"detail\":{\"amount\":5},"
                + "\"resources\":[\"arn:a\"]}",
            "us-east-1");

    assertThat(JSON.readTree(event))
        .isEqualTo(
            JSON.readTree(
                "{\"specversion\":\"1.0\",\"id\":\"id-1\",\"source\":\"shop\","
                    + "\"type\":\"order.paid\",\"time\":\"2026-12-03T12:00:00Z\","
                    + "\"account\":\"000000000000\",\"region\":\"us-east-1\","
                    + "\"resources\":\"arn:a\",\"datacontenttype\":\"application/json\","
                    + "\"data\":{\"amount\":5}}"));
    assertThatThrownBy(() -> envelope.eventToCloudEvent("{\"source\":\"shop\"}", "r"))
        .hasMessage("Event.detail-type is required: a non-empty string");
  }
}
