package dev.railyard.rules.delivery;

import static dev.railyard.rules.delivery.ParkedHeaders.ATTEMPTS;
import static dev.railyard.rules.delivery.ParkedHeaders.DUE;
import static dev.railyard.rules.delivery.ParkedHeaders.ERROR_CLASS;
import static dev.railyard.rules.delivery.ParkedHeaders.ERROR_MESSAGE;
import static dev.railyard.rules.delivery.ParkedHeaders.FIRST;
import static dev.railyard.rules.delivery.ParkedHeaders.LAST;
import static dev.railyard.rules.delivery.ParkedHeaders.OFFSET;
import static dev.railyard.rules.delivery.ParkedHeaders.ORIGIN_OFFSET;
import static dev.railyard.rules.delivery.ParkedHeaders.ORIGIN_PARTITION;
import static dev.railyard.rules.delivery.ParkedHeaders.ORIGIN_TOPIC;
import static dev.railyard.rules.delivery.ParkedHeaders.PARTITION;
import static dev.railyard.rules.delivery.ParkedHeaders.PREFIX;
import static dev.railyard.rules.delivery.ParkedHeaders.TIMESTAMP_TYPE;
import static dev.railyard.rules.delivery.ParkedHeaders.TOPIC;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * How a parked record is written to a retry topic and read back. The hosted sink sees records
 * converted by the target's converters (which the guard cannot see: they may be the worker's
 * defaults), so a parked record holds the converted key, value and headers with their schemas in
 * Connect's JSON envelope, which reads back to the same Connect data, plus where the record came
 * from and its failures so far in {@code railyard.park.*} headers. Not thread-safe (the converters
 * are per task).
 */
final class ParkedRecords {

  private final JsonConverter keys = converter(true);
  private final JsonConverter values = converter(false);

  private static JsonConverter converter(boolean isKey) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", "true"), isKey);
    return c;
  }

  /**
   * The record to write to {@code topic} for a record that failed as {@code failure} says, last
   * with {@code error}.
   */
  ProducerRecord<byte[], byte[]> encode(
      String topic, SinkRecord r, Retries.Failure failure, Throwable error) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : r.headers()) {
      if (!h.key().startsWith(PREFIX)) {
        headers.add(h.key(), values.fromConnectHeader(topic, h.key(), h.schema(), h.value()));
      }
    }
    put(headers, TOPIC, r.topic());
    put(headers, PARTITION, String.valueOf(r.kafkaPartition()));
    put(headers, OFFSET, String.valueOf(r.kafkaOffset()));
    put(headers, ORIGIN_TOPIC, r.originalTopic());
    put(headers, ORIGIN_PARTITION, String.valueOf(r.originalKafkaPartition()));
    put(headers, ORIGIN_OFFSET, String.valueOf(r.originalKafkaOffset()));
    put(headers, TIMESTAMP_TYPE, r.timestampType().name());
    put(headers, ATTEMPTS, String.valueOf(failure.attempts()));
    put(headers, FIRST, failure.first().toString());
    put(headers, LAST, failure.last().toString());
    put(headers, DUE, failure.notBefore().toString());
    String[] why = Failures.describe(error);
    put(headers, ERROR_CLASS, why[0]);
    put(headers, ERROR_MESSAGE, why[1]);
    return new ProducerRecord<>(
        topic,
        null,
        r.timestamp(),
        keys.fromConnectData(r.topic(), r.keySchema(), r.key()),
        values.fromConnectData(r.topic(), r.valueSchema(), r.value()),
        headers);
  }

  /**
   * The record as the hosted sink saw it, and its failures.
   *
   * @throws DataException when the record was not written by {@link #encode}
   */
  ParkingLot.Parked decode(ConsumerRecord<byte[], byte[]> c) {
    String topic = get(c, TOPIC);
    ConnectHeaders headers = new ConnectHeaders();
    for (org.apache.kafka.common.header.Header h : c.headers()) {
      if (!h.key().startsWith(PREFIX)) {
        headers.add(h.key(), values.toConnectHeader(topic, h.key(), h.value()));
      }
    }
    SchemaAndValue key = keys.toConnectData(topic, c.key());
    SchemaAndValue value = values.toConnectData(topic, c.value());
    try {
      SinkRecord record =
          new SinkRecord(
              topic,
              Integer.parseInt(get(c, PARTITION)),
              key.schema(),
              key.value(),
              value.schema(),
              value.value(),
              Long.parseLong(get(c, OFFSET)),
              c.timestamp() < 0 ? null : c.timestamp(),
              TimestampType.valueOf(get(c, TIMESTAMP_TYPE)),
              headers,
              get(c, ORIGIN_TOPIC),
              Integer.parseInt(get(c, ORIGIN_PARTITION)),
              Long.parseLong(get(c, ORIGIN_OFFSET)));
      Retries.Failure failure =
          new Retries.Failure(
              Integer.parseInt(get(c, ATTEMPTS)),
              Instant.parse(get(c, FIRST)),
              Instant.parse(get(c, LAST)),
              Instant.parse(get(c, DUE)));
      return new ParkingLot.Parked(record, failure, c.partition(), c.offset());
    } catch (RuntimeException e) {
      throw new DataException(
          "parked record " + c.topic() + "-" + c.partition() + "@" + c.offset() + " is broken", e);
    }
  }

  private static void put(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String get(ConsumerRecord<byte[], byte[]> c, String key) {
    org.apache.kafka.common.header.Header h = c.headers().lastHeader(key);
    if (h == null || h.value() == null) {
      throw new DataException(
          "parked record " + c.topic() + "-" + c.partition() + "@" + c.offset() + " has no " + key);
    }
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
