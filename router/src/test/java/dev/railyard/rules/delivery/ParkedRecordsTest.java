package dev.railyard.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ParkedRecordsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private final ParkedRecords codec = new ParkedRecords();

  @Test
  void shouldReadBackTheRecordAsTheSinkSawItWithItsFailures() {
    // given a record with a schema'd key and value, headers, and an SMT-renamed topic
    Schema valueSchema =
        SchemaBuilder.struct()
            .field("id", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .build();
    Struct value =
        new Struct(valueSchema)
            .put("id", "o-1")
            .put("amount", new BigDecimal("12.50"))
            .put("tags", List.of("a", "b"));
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString("railyard.event.id", "e-1");
    headers.addInt("attempt.hint", 3);
    SinkRecord sent =
        new SinkRecord(
            "orders_table",
            2,
            Schema.INT64_SCHEMA,
            42L,
            valueSchema,
            value,
            17,
            T0.toEpochMilli(),
            TimestampType.LOG_APPEND_TIME,
            headers,
            "railyard.to.orders.db",
            1,
            16);
    Retries.Failure failure = new Retries.Failure(2, T0, T0.plusSeconds(5), T0.plusSeconds(9));

    // when it is parked and read back
    ParkingLot.Parked back =
        codec.decode(
            stored(
                codec.encode(
                    "railyard.retry.x.y",
                    sent,
                    failure,
                    new org.apache.kafka.connect.errors.ConnectException(
                        "endpoint down", new java.io.IOException("503 from the endpoint")))));

    // then it is the same record, from the same place, with the same failures
    assertThat(back.record()).isEqualTo(sent);
    assertThat(back.record().originalTopic()).isEqualTo("railyard.to.orders.db");
    assertThat(back.record().originalKafkaPartition()).isEqualTo(1);
    assertThat(back.record().originalKafkaOffset()).isEqualTo(16);
    assertThat(back.failure()).isEqualTo(failure);
    assertThat(back.offset()).isEqualTo(5);
  }

  @Test
  void shouldKeepTheLastErrorForWhoeverLooksAtWhatIsParked() {
    SinkRecord r = new SinkRecord("t", 0, null, null, null, "v", 1);
    ProducerRecord<byte[], byte[]> parked =
        codec.encode(
            "r",
            r,
            new Retries.Failure(1, T0, T0, T0),
            new org.apache.kafka.connect.errors.ConnectException(
                "endpoint down", new java.io.IOException("503 from the endpoint")));

    assertThat(text(parked, ParkedHeaders.ERROR_CLASS)).isEqualTo("java.io.IOException");
    assertThat(text(parked, ParkedHeaders.ERROR_MESSAGE)).isEqualTo("503 from the endpoint");
    assertThat(text(parked, ParkedHeaders.ATTEMPTS)).isEqualTo("1");
  }

  private static String text(ProducerRecord<byte[], byte[]> r, String header) {
    return new String(
        r.headers().lastHeader(header).value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void shouldKeepATombstoneAndSchemalessData() {
    SinkRecord tombstone =
        new SinkRecord(
            "t", 0, null, Map.of("id", 1L), null, null, 3, null, TimestampType.NO_TIMESTAMP_TYPE);
    Retries.Failure failure = new Retries.Failure(1, T0, T0, T0);

    SinkRecord back =
        codec
            .decode(stored(codec.encode("r", tombstone, failure, new RuntimeException("x"))))
            .record();

    assertThat(back.key()).isEqualTo(Map.of("id", 1L));
    assertThat(back.value()).isNull();
    assertThat(back.timestamp()).isNull();
  }

  @Test
  void shouldRefuseARecordTheGuardDidNotPark() {
    ConsumerRecord<byte[], byte[]> stranger =
        stored(
            new ProducerRecord<>("r", null, null, new byte[0], new byte[0], new RecordHeaders()));

    assertThatThrownBy(() -> codec.decode(stranger))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("r-0@5 has no railyard.park.topic");
  }

  private static ConsumerRecord<byte[], byte[]> stored(ProducerRecord<byte[], byte[]> p) {
    return new ConsumerRecord<>(
        p.topic(),
        0,
        5,
        p.timestamp() == null ? -1 : p.timestamp(),
        TimestampType.CREATE_TIME,
        -1,
        -1,
        p.key(),
        p.value(),
        p.headers(),
        Optional.empty());
  }
}
