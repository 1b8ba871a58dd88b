package dev.railyard.sinks.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The record's value as it is: with one record a request, the value is the body; with batches, a
 * JSON array of the values, also when a request holds only one (as when the delivery guard tries
 * the records of a failed batch one by one), so the receiver always gets the same shape. Forwarded
 * {@code X-Railyard-*} headers are each record's own; a request of several carries those the
 * records share (rule and target, not event ids).
 */
final class RawFormat implements RequestFormat {

  private final String contentType;
  private final boolean arrays;

  /**
   * @param arrays whether requests hold JSON arrays of values (batches) rather than one value
   */
  RawFormat(String contentType, boolean arrays) {
    this.contentType = contentType;
    this.arrays = arrays;
  }

  @Override
  public int size(SinkRecord record) {
    return value(record).length + 1;
  }

  @Override
  public void write(List<SinkRecord> records, String method, HttpRequest.Builder request) {
    byte[] body;
    if (!arrays) {
      body = value(records.get(0));
    } else {
      ByteArrayOutputStream array = new ByteArrayOutputStream();
      array.write('[');
      for (int i = 0; i < records.size(); i++) {
        if (i > 0) {
          array.write(',');
        }
        array.writeBytes(value(records.get(i)));
      }
      array.write(']');
      body = array.toByteArray();
    }
    request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    request.header("Content-Type", contentType);
    ForwardedHeaders.addShared(request, records);
  }

  static byte[] value(SinkRecord record) {
    Object value = record.value();
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    throw new DataException(
        "The HTTP sink sends a record's value as it is, so it must be bytes "
            + "or text, not "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " ("
            + record.topic()
            + "-"
            + record.kafkaPartition()
            + " offset "
            + record.kafkaOffset()
            + "); set value.converter "
            + "to org.apache.kafka.connect.storage.StringConverter or "
            + "org.apache.kafka.connect.converters.ByteArrayConverter");
  }
}
