package dev.railyard.api.platform;

import dev.railyard.api.platform.answers.AutoscaleDecisions;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The autoscaler as the API sees it. Thread-safe. */
public interface AutoscaleAdmin {

  /**
   * Whether the autoscaler sets the worker count now, so that a count set by hand would be undone
   * at its next step.
   */
  default boolean scalesWorkers() {
    return false;
  }

  /**
   * The policy in force, the latest snapshot per connector (lag, rates, tasks now and desired), the
   * workers now and desired, and the last decisions with their reasons.
   */
  CompletionStage<Outcome<AutoscaleStatus>> status();

  /**
   * Puts the policy in force with {@code changes} ({@code autoscale.*} key → value) merged in.
   *
   * @return Ok with the status; Refused INVALID naming the key and what would be valid, and then
   *     the policy in force stays as it was
   */
  CompletionStage<Outcome<AutoscaleStatus>> update(Map<String, String> changes);

  /** The decisions after {@code since} (all kept when null), oldest first. */
  CompletionStage<Outcome<AutoscaleDecisions>> decisions(Instant since);
}
