package dev.railyard.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class LateDeliveryExceptionTest {

  @Test
  void shouldNameItsRecordsInTheirOrderAndSayWhyTheFirstFailed() {
    List<SinkRecord> records = new ArrayList<>(List.of(record(3), record(4)));
    RetriableException cause = new RetriableException("POST http://fn/ answered 503: busy");

    LateDeliveryException e = new LateDeliveryException(records, cause);
    records.clear();

    assertThat(e.records()).extracting(SinkRecord::kafkaOffset).containsExactly(3L, 4L);
    assertThat(e.getCause()).isSameAs(cause);
    assertThat(e)
        .hasMessage(
            "2 record(s) taken by an earlier put were not delivered: "
                + "POST http://fn/ answered 503: busy");
  }

  @Test
  void shouldRefuseToNameNoRecord() {
    RetriableException cause = new RetriableException("down");

    assertThatThrownBy(() -> new LateDeliveryException(List.of(), cause))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one record");
  }

  private static SinkRecord record(long offset) {
    return new SinkRecord("railyard.to.orders.fn", 0, null, null, null, "v", offset);
  }
}
