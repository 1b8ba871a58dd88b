package dev.railyard.rules.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** A dead-letter topic in memory for the guard's tests: each letter's value and why-headers. */
final class MemoryLetterBox implements LetterBox {

  /** One letter: the record's value as text, and the headers saying why, as text. */
  record Letter(String value, Map<String, String> headers) {}

  final List<Letter> letters = new ArrayList<>();

  @Override
  public void send(SinkRecord record, RecordHeaders why) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : why) {
      headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    letters.add(new Letter(String.valueOf(record.value()), headers));
  }

  @Override
  public void close() {}
}
