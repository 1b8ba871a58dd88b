package dev.railyard.rules.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Finds and runs the hosted connector inside its own plugin class loader. The guard is loaded from
 * the worker's class path, so Connect runs it with the worker's plugin-aware loader as the thread's
 * context loader; that loader resolves a connector class name (or alias) to the isolated plugin
 * that holds it, and the connector's task class is then loaded from the same plugin. Every call
 * into the hosted code runs with the plugin's loader as the context loader, as Connect itself does
 * for a connector it runs directly.
 */
final class Delegates {

  private Delegates() {}

  /** The hosted connector class named in a config, as the worker resolves it. */
  static Class<? extends SinkConnector> connectorClass(String classOrAlias) {
    Class<?> found;
    try {
      // loadClass rather than Class.forName: the JVM would refuse the class an alias resolves to
      found = contextLoader().loadClass(classOrAlias);
    } catch (ClassNotFoundException e) {
      throw new ConnectException(
          "The sink connector "
              + classOrAlias
              + " of this target is not installed on "
              + "the workers; install its plugin or fix connector.class",
          e);
    }
    if (!SinkConnector.class.isAssignableFrom(found)) {
      throw new ConnectException(
          classOrAlias + " is not a sink connector, so it cannot deliver to a target");
    }
    return found.asSubclass(SinkConnector.class);
  }

  /** The hosted task class, from the plugin of its connector. */
  static Class<? extends SinkTask> taskClass(String connectorClass, String taskClass) {
    ClassLoader loader = connectorClass(connectorClass).getClassLoader();
    try {
      Class<?> found = Class.forName(taskClass, false, loader);
      return found.asSubclass(SinkTask.class);
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new ConnectException(
          "The task class "
              + taskClass
              + " of "
              + connectorClass
              + " is not a sink task found with it",
          e);
    }
  }

  static <T extends Connector> T newConnector(Class<T> type) {
    return instantiate(type);
  }

  static <T extends Task> T newTask(Class<T> type) {
    return instantiate(type);
  }

  private static <T> T instantiate(Class<T> type) {
    return call(type.getClassLoader(), () -> type.getDeclaredConstructor().newInstance());
  }

  /**
   * Runs {@code work} with {@code loader} as the context loader; unchecked exceptions pass through.
   */
  static <T> T call(ClassLoader loader, Callable<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (ReflectiveOperationException e) {
      throw new ConnectException("Could not create " + e.getMessage(), e);
    } catch (Exception e) {
      throw new ConnectException(e);
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  static void run(ClassLoader loader, Runnable work) {
    call(
        loader,
        () -> {
          work.run();
          return null;
        });
  }

  /** The hosted connector's own config: the guard's keys removed, its class named again. */
  static Map<String, String> delegateProps(Map<String, String> props) {
    Map<String, String> out = new HashMap<>();
    props.forEach(
        (k, v) -> {
          if (!GuardedSinkConfig.isGuardKey(k)) {
            out.put(k, v);
          }
        });
    out.put("connector.class", props.get(GuardedSinkConfig.DELEGATE_CLASS_CONFIG));
    return out;
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : Delegates.class.getClassLoader();
  }
}
