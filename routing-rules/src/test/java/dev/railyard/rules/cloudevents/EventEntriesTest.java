package dev.railyard.rules.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEntriesTest {

  private final EventEntries entries =
      new EventEntries(
          Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), () -> "id-1");
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldWrapShortFormIntoCloudEventWithIdAndTime() throws Exception {
    EventEntries.Outcome outcome =
        entries.toEvent(Map.of("source", "shop", "type", "order.paid", "data", Map.of("id", 1)));

    assertThat(outcome.problem()).isNull();
    assertThat(outcome.event().bus()).isEqualTo("default");
    assertThat(outcome.event().id()).isEqualTo("id-1");
    JsonNode json = mapper.readTree(outcome.event().json());
    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("id").asText()).isEqualTo("id-1");
    assertThat(json.get("source").asText()).isEqualTo("shop");
    assertThat(json.get("type").asText()).isEqualTo("order.paid");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-26T10:00Z");
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(json.get("data").get("id").asInt()).isEqualTo(1);
    assertThat(json.has("bus")).isFalse();
  }

  @Test
  void shouldKeepCloudEventAsGivenAndUseItsBus() throws Exception {
    Map<String, Object> ce = new LinkedHashMap<>();
    ce.put("specversion", "1.0");
    ce.put("id", "abc");
    ce.put("source", "/orders");
    ce.put("type", "order.created");
    ce.put("subject", "order-7");
    ce.put("traceparent", "00-xyz");
    ce.put("bus", "orders");

    EventEntries.Outcome outcome = entries.toEvent(ce);

    assertThat(outcome.problem()).isNull();
    assertThat(outcome.event().bus()).isEqualTo("orders");
    assertThat(outcome.event().id()).isEqualTo("abc");
    assertThat(outcome.event().key()).isEqualTo("order-7");
    assertThat(mapper.readTree(outcome.event().json()).has("bus")).isFalse();
  }

  @Test
  void shouldKeyAnEventAboutNothingInParticularByItsIdSoABurstSpreads() {
    EventEntries.Outcome outcome =
        entries.toEvent(Map.of("specversion", "1.0", "id", "e-42", "source", "s", "type", "t"));

    assertThat(outcome.event().key()).isEqualTo("e-42");
  }

  @Test
  void shouldKeyByPartitionKeyExtensionBeforeSubject() {
    EventEntries.Outcome outcome =
        entries.toEvent(
            Map.of(
                "specversion",
                "1.0",
                "id",
                "1",
                "source",
                "s",
                "type",
                "t",
                "subject",
                "sub",
                "partitionkey",
                "pk"));

    assertThat(outcome.event().key()).isEqualTo("pk");
  }

  @Test
  void shouldRejectEntryWithoutTypeNamingTheField() {
    EventEntries.Outcome outcome = entries.toEvent(Map.of("source", "shop"));

    assertThat(outcome.event()).isNull();
    assertThat(outcome.problem().code()).isEqualTo("InvalidArgument");
    assertThat(outcome.problem().message()).contains("\"type\" is missing", "non-empty string");
  }

  @Test
  void shouldRejectUnknownShortFormFieldListingTheValidOnes() {
    EventEntries.Outcome outcome =
        entries.toEvent(Map.of("source", "s", "type", "t", "detail", Map.of()));

    assertThat(outcome.problem().message())
        .contains("unknown field \"detail\"", "bus, source, type, subject, time and data");
  }

  @Test
  void shouldRejectWrongSpecVersionAndMissingCloudEventAttributes() {
    assertThat(
            entries
                .toEvent(Map.of("specversion", "0.3", "id", "1", "source", "s", "type", "t"))
                .problem()
                .message())
        .contains("\"specversion\" must be \"1.0\"");
    assertThat(
            entries
                .toEvent(Map.of("specversion", "1.0", "source", "s", "type", "t"))
                .problem()
                .message())
        .contains("\"id\" is missing");
  }

  @Test
  void shouldRejectInvalidExtensionNamesAndBothDataForms() {
    assertThat(
            entries
                .toEvent(
                    Map.of(
                        "specversion",
                        "1.0",
                        "id",
                        "1",
                        "source",
                        "s",
                        "type",
                        "t",
                        "Trace-Id",
                        "x"))
                .problem()
                .message())
        .contains("\"Trace-Id\" is not a valid");
    assertThat(
            entries
                .toEvent(
                    Map.of(
                        "specversion",
                        "1.0",
                        "id",
                        "1",
                        "source",
                        "s",
                        "type",
                        "t",
                        "data",
                        1,
                        "data_base64",
                        "AA=="))
                .problem()
                .message())
        .contains("not both");
  }

  @Test
  void shouldRejectBadBusNamesAndTimes() {
    assertThat(
            entries
                .toEvent(Map.of("bus", "no/slash", "source", "s", "type", "t"))
                .problem()
                .message())
        .contains("\"bus\" must be a bus name");
    assertThat(
            entries
                .toEvent(Map.of("bus", List.of(), "source", "s", "type", "t"))
                .problem()
                .message())
        .contains("not an array");
    assertThat(
            entries
                .toEvent(Map.of("source", "s", "type", "t", "time", "yesterday"))
                .problem()
                .message())
        .contains("RFC 3339");
  }

  @Test
  void shouldRejectEventsOverTheSizeLimit() {
    EventEntries.Outcome outcome =
        entries.toEvent(
            Map.of("source", "s", "type", "t", "data", "x".repeat(EventEntries.MAX_EVENT_BYTES)));

    assertThat(outcome.problem().code()).isEqualTo("EntryTooLarge");
  }
}
