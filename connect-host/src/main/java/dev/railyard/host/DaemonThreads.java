package dev.railyard.host;

import java.util.concurrent.ThreadFactory;

/** Threads of the control plane's background work, which never keep the JVM from exiting. */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads all named {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
