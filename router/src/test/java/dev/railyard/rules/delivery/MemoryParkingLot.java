package dev.railyard.rules.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A one-partition retry topic in memory for the guard's tests, going through the real codec: what
 * is parked is encoded, and what is due is decoded from those bytes, as from Kafka.
 */
final class MemoryParkingLot implements ParkingLot {

  private final ParkedRecords codec = new ParkedRecords();
  private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();
  private long committed;
  boolean down;

  @Override
  public void park(SinkRecord record, Retries.Failure failure, Throwable error) {
    if (down) {
      throw new RetriableException("retry topic down");
    }
    ProducerRecord<byte[], byte[]> p =
        codec.encode("railyard.retry.orders.webhook", record, failure, error);
    log.add(
        new ConsumerRecord<>(
            p.topic(),
            0,
            log.size(),
            p.timestamp() == null ? -1 : p.timestamp(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            p.key(),
            p.value(),
            p.headers(),
            java.util.Optional.empty()));
  }

  @Override
  public List<Parked> due(Instant now, int max) {
    List<Parked> due = new ArrayList<>();
    for (int i = (int) committed; i < log.size() && due.size() < max; i++) {
      Parked p = codec.decode(log.get(i));
      if (p.failure().notBefore().isAfter(now)) {
        break;
      }
      due.add(p);
    }
    return due;
  }

  @Override
  public void done(Parked parked) {
    committed = parked.offset() + 1;
  }

  /** Records parked and not yet settled: the figure "retrying". */
  List<Parked> waiting() {
    List<Parked> waiting = new ArrayList<>();
    for (int i = (int) committed; i < log.size(); i++) {
      waiting.add(codec.decode(log.get(i)));
    }
    return waiting;
  }

  @Override
  public void close() {}
}
