package dev.railyard.sinks.http;

import java.net.http.HttpRequest;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/** How records become the body and headers of a request. Implementations are stateless. */
interface RequestFormat {

  /**
   * The bytes {@code record} adds to a request's body.
   *
   * @throws DataException when the record cannot be sent in this format
   */
  int size(SinkRecord record);

  /**
   * Sets the method, body, Content-Type and the records' own headers of a request of one or more
   * records.
   *
   * @throws DataException when a record cannot be sent in this format
   */
  void write(List<SinkRecord> records, String method, HttpRequest.Builder request);
}
