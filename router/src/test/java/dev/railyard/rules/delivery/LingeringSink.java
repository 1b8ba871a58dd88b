package dev.railyard.rules.delivery;

import dev.railyard.connectors.support.LateDeliveryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A hosted sink for the guard's tests that keeps records past {@code put}, as the HTTP sink does
 * with a linger: {@code put} only holds them; {@code flush} and {@code preCommit} deliver them in
 * order with {@link FlakySink}'s rules, and when one fails give it up with every record after it in
 * a {@link LateDeliveryException}.
 */
public class LingeringSink extends FlakySink {

  @Override
  public Class<? extends Task> taskClass() {
    return LingeringTask.class;
  }

  /** The task of {@link LingeringSink}. */
  public static class LingeringTask extends FlakySink.FlakyTask {

    private final List<SinkRecord> held = new ArrayList<>();
    private List<String> refused;

    @Override
    public void start(Map<String, String> props) {
      super.start(props);
      refused = List.of(props.getOrDefault("lingering.refuse", "").split(","));
    }

    @Override
    public void put(Collection<SinkRecord> records) {
      for (SinkRecord r : records) {
        if (refused.contains(String.valueOf(r.value()))) {
          throw new DataException("cannot send " + r.value());
        }
      }
      held.addAll(records);
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
      send();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(
        Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
      send();
      return currentOffsets;
    }

    private void send() {
      for (int i = 0; i < held.size(); i++) {
        try {
          super.put(List.of(held.get(i)));
        } catch (RuntimeException e) {
          List<SinkRecord> givenUp = List.copyOf(held.subList(i, held.size()));
          held.clear();
          throw new LateDeliveryException(givenUp, e);
        }
      }
      held.clear();
    }
  }
}
