package dev.railyard.api.platform;

import dev.railyard.api.platform.answers.BusView;
import dev.railyard.api.platform.answers.Deleted;
import java.util.concurrent.CompletionStage;

/**
 * The event buses: each is a Kafka topic that PutEvents writes and a router reads. A bus exists
 * once it is created here, or once an event or a rule names it (with {@code bus.auto.create}).
 * Every method may block; the API calls them off its event loop. Thread-safe.
 */
public interface BusAdmin {

  /** The buses within {@code scope}, by name. */
  CompletionStage<Outcome<Page<BusView>>> list(BusScope scope);

  /** One bus; {@code NOT_FOUND} when it does not exist or is outside {@code scope}. */
  CompletionStage<Outcome<BusView>> get(BusScope scope, String name);

  /**
   * Creates a bus, even with {@code bus.auto.create} off, within {@code bus.max}: {@link
   * Outcome.Created} when it is new, {@link Outcome.Ok} when it existed already; {@code INVALID}
   * for a name that is no bus name, {@code FORBIDDEN} outside {@code scope}.
   */
  CompletionStage<Outcome<BusView>> create(BusScope scope, String name);

  /**
   * Deletes a bus and the events on it. Refused with {@code CONFLICT}, changing nothing, for the
   * default bus and for a bus that rules read (naming them: delete or move them first).
   */
  CompletionStage<Outcome<Deleted>> delete(BusScope scope, String name);
}
