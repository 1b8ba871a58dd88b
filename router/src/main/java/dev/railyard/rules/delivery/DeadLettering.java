package dev.railyard.rules.delivery;

import dev.railyard.rules.connect.DeadLetters;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a guard task's spent records to its dead letters, or drops them, saying so, without any.
 */
final class DeadLettering {

  private static final Logger log = LoggerFactory.getLogger(GuardedSinkTask.class);

  private final LetterBox letters;
  private final String rule;
  private final String target;

  /**
   * @param letters null when the target has no dead-letter topic
   */
  DeadLettering(LetterBox letters, String rule, String target) {
    this.letters = letters;
    this.rule = rule;
    this.target = target;
  }

  void deadLetter(SinkRecord record, Retries.Failure failure, RuntimeException e) {
    String[] why = Failures.describe(e);
    if (letters == null) {
      log.warn(
          "Dropped {}-{}@{} for {}.{} after {} attempt(s), no dead-letter topic: {}: {}",
          record.originalTopic(),
          record.originalKafkaPartition(),
          record.originalKafkaOffset(),
          rule,
          target,
          failure.attempts(),
          why[0],
          why[1]);
      return;
    }
    letters.send(
        record,
        DeadLetters.headers(
            rule,
            target,
            DeadLetters.STAGE_DELIVERY,
            why[0],
            why[1],
            failure.attempts(),
            failure.first(),
            failure.last()));
    log.info(
        "Dead-lettered {}-{}@{} for {}.{} after {} attempt(s): {}: {}",
        record.originalTopic(),
        record.originalKafkaPartition(),
        record.originalKafkaOffset(),
        rule,
        target,
        failure.attempts(),
        why[0],
        why[1]);
  }
}
