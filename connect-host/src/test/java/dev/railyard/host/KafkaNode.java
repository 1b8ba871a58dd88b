package dev.railyard.host;

/**
 * The main class of a {@link ThreeBrokers} node: Kafka's own {@code kafka.Kafka}, and a halt when
 * the test JVM that started it is gone, so that a crashed test leaves no broker behind.
 */
public final class KafkaNode {

  private KafkaNode() {}

  public static void main(String[] args) {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    kafka.Kafka.main(args);
  }
}
