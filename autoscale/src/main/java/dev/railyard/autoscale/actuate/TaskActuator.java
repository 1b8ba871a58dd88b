package dev.railyard.autoscale.actuate;

import java.util.concurrent.CompletionStage;

/**
 * Changes a connector's {@code tasks.max}. Implemented by the platform's connector service, so the
 * change is validated like any other config change and the connector keeps its other settings.
 */
public interface TaskActuator {

  /**
   * Sets {@code tasks.max} of {@code connector} to {@code tasks}.
   *
   * @return completes when Connect accepted the config; fails with {@link NoSuchConnector} when the
   *     connector is gone, or with the reason Connect gave
   */
  CompletionStage<?> setTasks(String connector, int tasks);

  /** The connector was deleted before its tasks could be changed. */
  final class NoSuchConnector extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoSuchConnector(String connector) {
      super("connector " + connector + " no longer exists", null, false, false);
    }
  }
}
