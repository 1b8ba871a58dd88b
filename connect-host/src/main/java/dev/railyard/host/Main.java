package dev.railyard.host;

import dev.railyard.host.cli.Settings;
import dev.railyard.host.config.RailyardConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code railyard} command. Exit codes: 0 stopped cleanly, 1 failed while running, 2 invalid
 * command or configuration.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.err));
  }

  static int run(List<String> args, PrintStream err) {
    String command = args.isEmpty() ? "help" : args.get(0);
    switch (command) {
      case "up":
        return up(args.subList(1, args.size()), err);
      case "help":
      case "--help":
      case "-h":
        err.println(usage());
        return 0;
      default:
        err.println("railyard: unknown command '" + command + "'\n\n" + usage());
        return 2;
    }
  }

  private static int up(List<String> args, PrintStream err) {
    RailyardConfig config;
    try {
      config = Settings.load(args, Path.of("").toAbsolutePath());
    } catch (ConfigException e) {
      err.println("railyard: invalid configuration: " + e.getMessage());
      return 2;
    }
    Path logFile = config.dataDir().toAbsolutePath().normalize().resolve("logs/railyard.log");
    Logging.configure(logFile);
    Platform platform;
    try {
      platform = Platform.start(config);
    } catch (RuntimeException e) {
      err.println("railyard: " + e.getMessage() + "\n  (details in " + logFile + ")");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      stopped.countDown();
    }, "railyard-shutdown"));
    printEndpoints(platform, config, logFile, System.out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void printEndpoints(Platform platform, RailyardConfig config, Path logFile,
      PrintStream out) {
    String api = platform.apiUrl();
    out.println();
    out.println("  Dashboard   " + api + "/");
    out.println("  API         " + api + "/api/v1   (health: " + api + "/health)");
    out.println("  Connect     " + api + "/connect");
    out.println("  Metrics     " + api + "/metrics");
    out.println("  Kafka       " + platform.bootstrapServers()
        + (config.embeddedBroker() ? "   (embedded)" : ""));
    out.println("  Logs        " + logFile.getParent());
    out.println();
    out.println("  Ctrl-C stops Railyard.");
    out.flush();
  }

  static String usage() {
    return String.join("\n",
        "Usage: railyard <command> [flags]",
        "",
        "Commands:",
        "  up      start Railyard: embedded Kafka (unless bootstrap.servers is set), Connect",
        "          workers, the API and the dashboard",
        "  help    show this text",
        "",
        "Flags of 'up' (each also a key of railyard.properties; flags win):",
        "  --config FILE            settings file (default: ./railyard.properties if present)",
        "  --data-dir DIR           data directory (default ./data)",
        "  --http-host HOST         API address (default 127.0.0.1)",
        "  --http-port PORT         API port (default 8080)",
        "  --bootstrap-servers H:P  use this Kafka cluster instead of the embedded broker",
        "  --workers N              Connect workers to start (default 1)",
        "  --worker.KEY VALUE       a Connect worker setting, e.g. --worker.offset.flush.interval.ms 1000",
        "",
        "All settings: " + String.join(", ", new TreeSet<>(RailyardConfig.names())));
  }
}
