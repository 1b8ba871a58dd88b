package dev.railyard.host;

import dev.railyard.api.ApiServer;
import dev.railyard.host.cli.ApplyCommands;
import dev.railyard.host.cli.BusCommands;
import dev.railyard.host.cli.Cli;
import dev.railyard.host.cli.PatternCommand;
import dev.railyard.host.cli.PluginCommands;
import dev.railyard.host.cli.RuleCommands;
import dev.railyard.host.cli.Settings;
import dev.railyard.host.cli.Terminal;
import dev.railyard.host.cli.TokenCommands;
import dev.railyard.host.config.RailyardConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code railyard} command. Exit codes of {@code up}: 0 stopped cleanly, 1 failed while
 * running, 2 invalid command or configuration. The rule commands ({@code apply}, {@code validate},
 * {@code rules}, {@code test-pattern}) answer 0 ok, 1 invalid, 2 unreachable (see {@link
 * dev.railyard.host.cli.ExitCodes}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    String command = args.isEmpty() ? "help" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      command = "help";
    }
    Terminal terminal = Terminal.system(out, err);
    switch (command) {
      case "up":
        return up(rest, err);
      case "apply":
        return Cli.run(ApplyCommands::apply, rest, terminal);
      case "validate":
        return Cli.run(ApplyCommands::validate, rest, terminal);
      case "rules":
        return Cli.run(RuleCommands::run, rest, terminal);
      case "plugins":
        return Cli.run(PluginCommands::run, rest, terminal);
      case "buses":
        return Cli.run(BusCommands::run, rest, terminal);
      case "test-pattern":
        return Cli.run(PatternCommand::run, rest, terminal);
      case "tokens":
        return Cli.run(TokenCommands::run, rest, terminal);
      case "help":
      case "--help":
      case "-h":
        out.println(usage());
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
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  platform.close();
                  stopped.countDown();
                },
                "railyard-shutdown"));
    printEndpoints(platform, config, logFile, System.out);
    String host = config.getString(RailyardConfig.HTTP_HOST_CONFIG);
    if (!platform.apiUrl().startsWith("https:") && !ApiServer.loopback(host)) {
      err.println(
          "\n  WARNING: the API listens on "
              + host
              + " without TLS: tokens and connector secrets cross the network in clear.\n"
              + "  Set http.tls.cert.file and http.tls.key.file, or http.host=127.0.0.1.\n");
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void printEndpoints(
      Platform platform, RailyardConfig config, Path logFile, PrintStream out) {
    String api = platform.apiUrl();
    out.println();
    out.println("  Dashboard   " + api + "/");
    out.println("  API         " + api + "/api/v1   (health: " + api + "/health)");
    out.println("  Connect     " + api + "/connect");
    out.println("  Metrics     " + api + "/metrics");
    out.println(
        "  Kafka       "
            + platform.bootstrapServers()
            + (config.embeddedBroker() ? "   (embedded)" : ""));
    out.println("  Logs        " + logFile.getParent());
    out.println("  Admin token " + platform.adminTokenFile() + "   (the CLI reads it from there)");
    out.println();
    out.println("  Ctrl-C stops Railyard.");
    out.flush();
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: railyard <command> [flags]",
        "",
        "Commands:",
        "  up      start Railyard: embedded Kafka (unless bootstrap.servers is set), Connect",
        "          workers, the API and the dashboard",
        "  apply -f FILE [--dry-run] [--prune]",
        "          apply a rule file (YAML; -f - reads stdin): create and update its rules and",
        "          print what happened to each; --dry-run only shows it; --prune also deletes",
        "          the rules of the file's buses that the file does not name",
        "  validate -f FILE",
        "          check a rule file as apply would, changing nothing",
        "  rules list | rules get NAME | rules delete NAME",
        "          the rules in force: a table, one rule's document (YAML), delete one",
        "  plugins list | plugins install FILE | plugins install --maven G:A:V[:CLASSIFIER][@TYPE]",
        "  plugins delete NAME",
        "          the plugin store: install an archive (.jar, .zip, .tar.gz) or Maven",
        "          coordinates; the workers then restart one by one to load it",
        "  buses list | buses create NAME | buses delete NAME",
        "          the event buses with the rules that read them; create one (also with",
        "          bus.auto.create=false); delete one and its events (not while rules read it)",
        "  test-pattern --pattern FILE --event FILE",
        "          does the event (JSON) match the EventBridge pattern (JSON)? prints",
        "          'matches' (exit 0) or 'does not match' (exit 1)",
        "  tokens create NAME --role ROLE [--buses a,b] [--kind bearer|aws]",
        "  tokens list | tokens revoke ID",
        "          API tokens (admins only): roles admin, editor, viewer, publisher; --buses",
        "          limits a token to those buses; create prints the token, shown only once;",
        "          --kind aws makes a key pair for the EventBridge API, printed as",
        "          AWS_ACCESS_KEY_ID=... and AWS_SECRET_ACCESS_KEY=... lines",
        "  help    show this text",
        "",
        ruleFlags(),
        "",
        "Flags of 'up' (each also a key of railyard.properties; flags win):",
        "  --config FILE            settings file (default: ./railyard.properties if present)",
        "  --data-dir DIR           data directory (default ./data)",
        "  --http-host HOST         API address (default 127.0.0.1)",
        "  --http-port PORT         API port (default 8080)",
        "  --bootstrap-servers H:P  use this Kafka cluster instead of the embedded broker",
        "  --workers N              Connect workers to start (default 1)",
        "  --worker.KEY VALUE       a Connect worker setting, e.g. --worker.offset.flush.interval.ms 1000",
        "  --kafka.KEY VALUE        a Kafka client setting of a secured cluster for every client,",
        "                           e.g. --kafka.security.protocol SASL_SSL (docs/security.md)",
        "",
        "All settings: "
            + String.join(", ", new TreeSet<>(RailyardConfig.ownNames()))
            + ", kafka.security.protocol, kafka.ssl.*, kafka.sasl.*");
  }

  private static String ruleFlags() {
    return String.join(
        "\n",
        "Flags of the API commands (apply, validate, rules, test-pattern, tokens):",
        "  --url URL                Railyard's API (default: $RAILYARD_URL, else "
            + "http://127.0.0.1:8080)",
        "  --token TOKEN            the API token (default: $RAILYARD_TOKEN, else the admin",
        "                           token in <data.dir>/admin.token of ./railyard.properties)",
        "  --output text|json       text for people (default), json prints the API's answer",
        "Problems are printed to stderr as 'file:line:col path: message', then a summary.",
        "Exit codes of the rule commands: 0 ok (test-pattern: matches), 1 invalid input, bad",
        "flags, unknown rule (test-pattern: also does not match), 2 Railyard unreachable or",
        "failing (no connection, timeout, HTTP 5xx). Exit codes of up: 0 stopped, 1 failed while",
        "running, 2 invalid configuration or unknown command.");
  }
}
