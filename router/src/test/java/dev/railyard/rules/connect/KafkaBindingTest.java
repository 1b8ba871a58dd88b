package dev.railyard.rules.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.model.JsonPath;
import dev.railyard.rules.model.RetryPolicy;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Transform;
import dev.railyard.rules.stats.DeliveryCounters;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * The router's side of the CloudEvents Kafka binding, with the CloudEvents SDK's own serializer
 * making the bus records and its deserializer reading what the router wrote.
 */
class KafkaBindingTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String BUS = "railyard.bus.shop";

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  private static CloudEvent paid(String id, int amount) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("/shop"))
        .withType("order.paid")
        .withSubject("order-" + id)
        .withExtension("tenant", "acme")
        .withDataContentType("application/json")
        .withData(("{\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** A bus record as the SDK's serializer writes it, seen as Connect hands it to the router. */
  private static SinkRecord record(CloudEvent event, Encoding encoding, long offset) {
    RecordHeaders kafka = new RecordHeaders();
    byte[] value;
    try (CloudEventSerializer serializer = new CloudEventSerializer()) {
      serializer.configure(
          Map.of(
              CloudEventSerializer.ENCODING_CONFIG,
              encoding,
              CloudEventSerializer.EVENT_FORMAT_CONFIG,
              JsonFormat.CONTENT_TYPE),
          false);
      value = serializer.serialize(BUS, kafka, event);
    }
    ConnectHeaders headers = new ConnectHeaders();
    for (Header h : kafka) {
      headers.addBytes(h.key(), h.value());
    }
    return new SinkRecord(
        BUS,
        0,
        null,
        event.getId().getBytes(StandardCharsets.UTF_8),
        null,
        value,
        offset,
        null,
        null,
        headers);
  }

  private static CloudEvent read(ProducerRecord<byte[], byte[]> record) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
      return deserializer.deserialize(record.topic(), headers, record.value());
    }
  }

  private static JsonNode json(byte[] bytes) throws Exception {
    return MAPPER.readTree(bytes);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String key) {
    Header h = record.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private RouterSinkTask task(Transform transform, boolean deadLetter) {
    Target target =
        new Target(
            "billing",
            new Target.Inline(Map.of("connector.class", "X")),
            RetryPolicy.DEFAULT,
            deadLetter);
    Rule rule =
        new Rule(
            "big",
            "shop",
            true,
            "{\"type\":[\"order.paid\"],\"tenant\":[\"acme\"],"
                + "\"data\":{\"amount\":[{\"numeric\":[\">\",100]}]}}",
            transform,
            List.of(target));
    return new RouterSinkTask(
        "shop", producer, new DeliveryCounters(), Map.of("big", rule), Optional::empty);
  }

  @Test
  void shouldReadABinaryEventAsTheStructuredJsonOfTheSameEvent() throws Exception {
    // given the same event in both modes, as the SDK writes them
    CloudEvent event = paid("e-1", 150);
    SinkRecord binary = record(event, Encoding.BINARY, 0);
    SinkRecord structured = record(event, Encoding.STRUCTURED, 1);

    // when the router reads each
    KafkaBinding.Binary read = KafkaBinding.readBinary(binary.headers(), (byte[]) binary.value());

    // then the binary one reads as the structured one's JSON, and the structured one is no binary
    assertThat(read).isNotNull();
    assertThat(json(read.json())).isEqualTo(json((byte[]) structured.value()));
    assertThat(KafkaBinding.readBinary(structured.headers(), (byte[]) structured.value())).isNull();
    assertThat(new String(read.json(), StandardCharsets.UTF_8))
        .startsWith("{\"specversion\":\"1.0\",\"id\":\"e-1\"");
  }

  @Test
  void shouldReadNonJsonDataAsTextOrBase64() throws Exception {
    // given a text and an octet-stream event in binary mode
    CloudEvent text =
        CloudEventBuilder.v1(paid("t", 1))
            .withDataContentType("text/plain")
            .withData("hello".getBytes(StandardCharsets.UTF_8))
            .build();
    CloudEvent bytes =
        CloudEventBuilder.v1(paid("b", 1))
            .withDataContentType("application/octet-stream")
            .withData(new byte[] {1, 2, 3})
            .build();

    // when they are read
    SinkRecord t = record(text, Encoding.BINARY, 0);
    SinkRecord b = record(bytes, Encoding.BINARY, 1);

    // then text is data as a string, other bytes data_base64, as the JSON event format says
    JsonNode textJson = json(KafkaBinding.readBinary(t.headers(), (byte[]) t.value()).json());
    JsonNode bytesJson = json(KafkaBinding.readBinary(b.headers(), (byte[]) b.value()).json());
    assertThat(textJson.get("data").asText()).isEqualTo("hello");
    assertThat(textJson.get("datacontenttype").asText()).isEqualTo("text/plain");
    assertThat(bytesJson.get("data_base64").asText()).isEqualTo("AQID");
    assertThat(bytesJson.has("data")).isFalse();
  }

  @Test
  void shouldRefuseABinaryEventWithoutItsRequiredHeadersNamingThem() {
    // given binary records missing ce_type, with another specversion, with JSON that is not JSON
    ConnectHeaders noType = new ConnectHeaders();
    noType.addBytes("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    noType.addBytes("ce_id", "1".getBytes(StandardCharsets.UTF_8));
    noType.addBytes("ce_source", "s".getBytes(StandardCharsets.UTF_8));
    ConnectHeaders old = new ConnectHeaders();
    old.addBytes("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
    ConnectHeaders badJson = noType.duplicate();
    badJson.addBytes("ce_type", "t".getBytes(StandardCharsets.UTF_8));
    badJson.addBytes("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

    // then each is refused with the header that is wrong
    assertThatThrownBy(() -> KafkaBinding.readBinary(noType, new byte[0]))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("ce_type");
    assertThatThrownBy(() -> KafkaBinding.readBinary(old, new byte[0]))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("ce_specversion")
        .hasMessageContaining("\"0.3\"");
    assertThatThrownBy(
            () -> KafkaBinding.readBinary(badJson, "{no".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("content-type");
  }

  @Test
  void shouldRouteBinaryAndStructuredEventsAlikeAndKeepTheirModes() throws Exception {
    // given a rule on type, an extension and the data, and the same events in both modes
    RouterSinkTask task = task(new Transform.WholeEvent(), true);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(record(paid("b" + i, 90 + i * 5), Encoding.BINARY, i));
      records.add(record(paid("s" + i, 90 + i * 5), Encoding.STRUCTURED, 10 + i));
    }

    // when the router takes them
    task.put(records);

    // then both modes matched alike (amount > 100: i = 3..9), each in the mode it came in, and
    // the SDK reads every delivery record with its id, source, type and data intact
    List<ProducerRecord<byte[], byte[]>> out = producer.history();
    assertThat(out).hasSize(14);
    List<String> ids = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : out) {
      CloudEvent e = read(r);
      ids.add(e.getId());
      assertThat(e.getSource()).isEqualTo(URI.create("/shop"));
      assertThat(e.getType()).isEqualTo("order.paid");
      assertThat(e.getExtension("tenant")).isEqualTo("acme");
      assertThat(json(e.getData().toBytes()).get("amount").asInt()).isGreaterThan(100);
      assertThat(header(r, "railyard.event.id")).isEqualTo(e.getId());
      assertThat(header(r, "content-type"))
          .isEqualTo(
              e.getId().startsWith("b") ? "application/json" : "application/cloudevents+json");
    }
    assertThat(ids)
        .containsExactlyInAnyOrder(
            "b3", "s3", "b4", "s4", "b5", "s5", "b6", "s6", "b7", "s7", "b8", "s8", "b9", "s9");
  }

  @Test
  void shouldPutEventsInTheModeATargetAsksFor() throws Exception {
    // given a rule with a target asking for structured mode and one asking for binary mode
    Rule rule =
        new Rule(
            "modes",
            "shop",
            true,
            "{\"type\":[\"order.paid\"]}",
            new Transform.WholeEvent(),
            List.of(
                new Target(
                    "s",
                    new Target.Inline(Map.of("connector.class", "X")),
                    RetryPolicy.DEFAULT,
                    true,
                    Target.EventMode.STRUCTURED),
                new Target(
                    "b",
                    new Target.Inline(Map.of("connector.class", "X")),
                    RetryPolicy.DEFAULT,
                    true,
                    Target.EventMode.BINARY)));
    RouterSinkTask task =
        new RouterSinkTask(
            "shop", producer, new DeliveryCounters(), Map.of("modes", rule), Optional::empty);

    // when an event arrives in each mode
    task.put(
        List.of(
            record(paid("from-b", 150), Encoding.BINARY, 0),
            record(paid("from-s", 150), Encoding.STRUCTURED, 1)));

    // then each target has both events in its mode, the same events as the SDK reads them
    assertThat(producer.history()).hasSize(4);
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      boolean structured = r.topic().equals("railyard.to.modes.s");
      assertThat(header(r, "content-type"))
          .isEqualTo(structured ? "application/cloudevents+json" : "application/json");
      assertThat(header(r, "ce_id")).isEqualTo(structured ? null : read(r).getId());
      CloudEvent e = read(r);
      assertThat(e.getId()).isIn("from-b", "from-s");
      assertThat(e.getExtension("tenant")).isEqualTo("acme");
      assertThat(e.getDataContentType()).isEqualTo("application/json");
      assertThat(json(e.getData().toBytes())).isEqualTo(json("{\"amount\":150}".getBytes()));
    }
  }

  @Test
  void shouldRouteABinaryEventWithoutData() {
    // given a rule on the type, and a binary event with no data (a null value)
    RouterSinkTask task =
        new RouterSinkTask(
            "shop",
            producer,
            new DeliveryCounters(),
            Map.of(
                "any",
                new Rule(
                    "any",
                    "shop",
                    true,
                    "{\"type\":[\"order.paid\"]}",
                    new Transform.WholeEvent(),
                    List.of(
                        new Target(
                            "t",
                            new Target.Inline(Map.of("connector.class", "X")),
                            RetryPolicy.DEFAULT,
                            true)))),
            Optional::empty);
    CloudEvent empty =
        CloudEventBuilder.v1(paid("e", 1)).withoutData().withoutDataContentType().build();

    // when it arrives
    task.put(List.of(record(empty, Encoding.BINARY, 0)));

    // then it is delivered as it came, with no data, and the SDK reads it
    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo("railyard.to.any.t");
              assertThat(r.value() == null || r.value().length == 0).isTrue();
              assertThat(read(r).getId()).isEqualTo("e");
            });
  }

  @Test
  void shouldDeliverATransformsPayloadAsTheDataOfABinaryEvent() throws Exception {
    // given a rule that selects the data
    RouterSinkTask task = task(new Transform.InputPath(JsonPath.parse("$.data")), true);

    // when a structured and a binary event arrive
    task.put(
        List.of(
            record(paid("s", 150), Encoding.STRUCTURED, 0),
            record(paid("b", 150), Encoding.BINARY, 1)));

    // then each delivery record is the payload, with the event's attributes in ce_* headers
    assertThat(producer.history()).hasSize(2);
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      assertThat(json(r.value())).isEqualTo(json("{\"amount\":150}".getBytes()));
      CloudEvent e = read(r);
      assertThat(e.getId()).isIn("s", "b");
      assertThat(e.getSubject()).isEqualTo("order-" + e.getId());
      assertThat(e.getExtension("tenant")).isEqualTo("acme");
      assertThat(e.getDataContentType()).isEqualTo("application/json");
      assertThat(json(e.getData().toBytes())).isEqualTo(json(r.value()));
    }
  }

  @Test
  void shouldKeepTheBindingOnDeadLettersOfFailedTransforms() {
    // given a rule whose template makes no JSON of the events' subject
    RouterSinkTask task =
        task(
            new Transform.Template(Map.of("s", JsonPath.parse("$.subject")), "{\"n\": <s>1}"),
            true);

    // when events of both modes arrive
    task.put(
        List.of(
            record(paid("s", 150), Encoding.STRUCTURED, 0),
            record(paid("b", 150), Encoding.BINARY, 1)));

    // then their dead letters are the events as they came, which the SDK reads
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsOnly("railyard.dlq.big.billing");
    assertThat(producer.history())
        .extracting(r -> read(r).getId())
        .containsExactlyInAnyOrder("s", "b");
    assertThat(producer.history())
        .allSatisfy(r -> assertThat(header(r, "railyard.error.stage")).isEqualTo("transform"));
  }

  @Test
  void shouldPutABinaryEventItCannotReadInTheBusesDeadLettersWithItsHeaders() {
    // given a binary record whose content type says JSON but whose value is not
    RouterSinkTask task = task(new Transform.WholeEvent(), true);
    SinkRecord bad = record(paid("x", 150), Encoding.BINARY, 0);
    SinkRecord broken =
        bad.newRecord(
            bad.topic(),
            bad.kafkaPartition(),
            null,
            bad.key(),
            null,
            "{not json".getBytes(StandardCharsets.UTF_8),
            bad.timestamp(),
            bad.headers());

    // when it arrives with a good one
    task.put(List.of(broken, record(paid("ok", 150), Encoding.BINARY, 1)));

    // then it waits in the bus's dead letters as it came, saying why, and the good one is routed
    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsExactly("railyard.dlq.bus.shop", "railyard.to.big.billing");
    ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
    assertThat(header(letter, "ce_id")).isEqualTo("x");
    assertThat(header(letter, "railyard.error.message")).contains("content-type");
  }
}
