package dev.railyard.api.platform.answers;

import java.util.List;
import java.util.Objects;

/**
 * An event bus.
 *
 * @param name its name, as events and rules name it
 * @param topic the Kafka topic that holds its events
 * @param partitions the topic's partitions
 * @param rules the rules that read it, by name
 */
public record BusView(String name, String topic, int partitions, List<String> rules) {

  public BusView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    rules = List.copyOf(rules);
  }
}
