package dev.railyard.rules.delivery;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** Where a guard task puts the records whose retries are spent. */
interface LetterBox extends AutoCloseable {

  /**
   * Writes the record with the headers saying why, and returns once it is stored.
   *
   * @throws org.apache.kafka.connect.errors.RetriableException when it could not be stored; try
   *     again later
   */
  void send(SinkRecord record, RecordHeaders why);

  @Override
  void close();
}
