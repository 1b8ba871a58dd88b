package dev.railyard.connectors.support;

import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What a sink task that keeps records past {@code put} (to linger for fuller batches, or with
 * requests still in flight) throws when some of them could not be delivered after that {@code put}
 * had returned. It is thrown from {@code flush} or {@code preCommit}, never from {@code put}, and
 * names every record the task gives up: those whose delivery failed and those it held behind them
 * and so never sent, in the order Connect gave them. Its cause is the failure of the first of them,
 * a {@link org.apache.kafka.connect.errors.RetriableException} or a {@link
 * org.apache.kafka.connect.errors.DataException} as the task classifies it.
 *
 * <p>The contract, for both sides: once thrown, the task holds none of the named records and
 * delivers none of them by itself; whoever catches it owns them. Until then the task's {@code
 * preCommit} never answered an offset past any of them, so none was committed. Connect, running
 * such a task directly, fails the offset commit on it and seeks every partition back to its last
 * committed offset, so the records come again. Railyard's delivery guard catches it and retries or
 * dead-letters exactly the named records under the target's policy, before anything after them.
 *
 * <p>Immutable; the records are the task's own instances.
 */
public class LateDeliveryException extends ConnectException {

  private static final long serialVersionUID = 1L;

  private final transient List<SinkRecord> records;

  /**
   * @param records the records given up, in Connect's order; not empty
   * @param cause why the first of them was not delivered; not null
   */
  public LateDeliveryException(List<SinkRecord> records, RuntimeException cause) {
    super(
        records.size()
            + " record(s) taken by an earlier put were not delivered: "
            + cause.getMessage(),
        cause);
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a late delivery failure names at least one record");
    }
    this.records = List.copyOf(records);
  }

  /** The records given up, in the order Connect gave them; never empty. */
  public List<SinkRecord> records() {
    return records;
  }

  /** Why the first record was not delivered. */
  @Override
  public synchronized RuntimeException getCause() {
    return (RuntimeException) super.getCause();
  }
}
