package dev.railyard.rules.connect;

import dev.railyard.rules.model.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter: which rule and target it was for, at which stage it failed, why,
 * how often and when. Written by the router (transform failures) and by the delivery guard around
 * each target's sink connector (delivery failures); read by the dead-letter API to peek and
 * redrive.
 */
public final class DeadLetters {

  public static final String RULE = Topology.RULE_HEADER;
  public static final String TARGET = Topology.TARGET_HEADER;

  /** {@value #STAGE_TRANSFORM} or {@value #STAGE_DELIVERY}. */
  public static final String STAGE = Topology.ERROR_HEADER_PREFIX + "stage";

  public static final String ERROR_CLASS = Topology.ERROR_HEADER_PREFIX + "class";
  public static final String ERROR_MESSAGE = Topology.ERROR_HEADER_PREFIX + "message";
  public static final String ATTEMPTS = Topology.ATTEMPTS_HEADER;
  public static final String FIRST_FAILURE = Topology.FIRST_FAILURE_HEADER;
  public static final String LAST_FAILURE = Topology.LAST_FAILURE_HEADER;

  /** The letter holds the bus event; a redrive transforms it again. */
  public static final String STAGE_TRANSFORM = "transform";

  /** The letter holds the delivery record (already transformed); a redrive sends it as it is. */
  public static final String STAGE_DELIVERY = "delivery";

  private DeadLetters() {}

  /** A transform failure: it fails the same way every time, so it is not retried. */
  static RecordHeaders headers(String rule, String target, Exception error, Instant at) {
    return headers(
        rule,
        target,
        STAGE_TRANSFORM,
        error == null ? "unknown" : error.getClass().getName(),
        error == null ? "the event is not JSON" : String.valueOf(error.getMessage()),
        1,
        at,
        at);
  }

  /**
   * The headers of a dead letter.
   *
   * @param stage {@link #STAGE_TRANSFORM} or {@link #STAGE_DELIVERY}
   * @param attempts how many times it was tried, 1 or more
   */
  public static RecordHeaders headers(
      String rule,
      String target,
      String stage,
      String errorClass,
      String message,
      int attempts,
      Instant firstFailure,
      Instant lastFailure) {
    RecordHeaders h = new RecordHeaders();
    add(h, RULE, rule);
    add(h, TARGET, target);
    add(h, STAGE, stage);
    add(h, ERROR_CLASS, errorClass);
    add(h, ERROR_MESSAGE, message);
    add(h, ATTEMPTS, String.valueOf(attempts));
    add(h, FIRST_FAILURE, firstFailure.toString());
    add(h, LAST_FAILURE, lastFailure.toString());
    return h;
  }

  private static void add(RecordHeaders h, String key, String value) {
    h.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
