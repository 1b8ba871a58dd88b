package dev.railyard.worker;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a worker JVM: runs one Kafka Connect distributed worker from a properties file,
 * announces its REST URL on standard output, and exits when its parent process does.
 *
 * <p>The only line it prints is {@value #READY_PREFIX}{@code <restUrl>}; everything else goes to
 * the worker's log file. It exits with {@value #EXIT_INVALID_CONFIG} when its properties are wrong
 * (unreadable, or refused by Connect's worker config), so that its launcher does not start it again
 * with the same properties, and with {@value #EXIT_START_FAILED} when Connect failed to start for
 * another reason.
 */
public final class WorkerMain {

  /** Printed on standard output, followed by the worker's REST URL, once the worker has started. */
  public static final String READY_PREFIX = "railyard-worker-ready ";

  /** Exit code when the worker properties are invalid: starting again cannot help. */
  public static final int EXIT_INVALID_CONFIG = 78;

  /** Exit code when Connect failed to start for any other reason. */
  public static final int EXIT_START_FAILED = 1;

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: WorkerMain <worker.properties>");
      System.exit(EXIT_INVALID_CONFIG);
    }
    Map<String, String> props;
    try {
      props = load(Path.of(args[0]));
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("Cannot read the worker properties " + args[0] + ": " + e);
      System.exit(EXIT_INVALID_CONFIG);
      return;
    }
    ignoreTerminalInterrupt();
    exitWithParent();
    Connect<?> connect;
    try {
      connect = new ConnectDistributed().startConnect(props);
    } catch (ConfigException e) {
      log.error("Invalid Connect worker configuration", e);
      System.err.println("Invalid Connect worker configuration: " + e.getMessage());
      System.exit(EXIT_INVALID_CONFIG);
      return;
    } catch (Throwable t) {
      log.error("Connect worker failed to start", t);
      System.err.println("Connect worker failed to start: " + t);
      System.exit(EXIT_START_FAILED);
      return;
    }
    System.out.println(READY_PREFIX + connect.rest().advertisedUrl());
    System.out.flush();
    connect.awaitStop();
  }

  private static Map<String, String> load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    Map<String, String> map = new HashMap<>();
    p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
    return map;
  }

  // Ctrl-C in a terminal reaches the whole process group; the control plane stops its workers
  // itself, in order, with SIGTERM.
  @SuppressWarnings("restriction")
  private static void ignoreTerminalInterrupt() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException e) {
      log.debug("SIGINT cannot be ignored on this platform", e);
    }
  }

  // A worker must not outlive a control plane that was killed: nobody would stop it then.
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          log.warn("Parent process {} exited; stopping this worker", parent.pid());
                          System.exit(0);
                        }));
  }
}
