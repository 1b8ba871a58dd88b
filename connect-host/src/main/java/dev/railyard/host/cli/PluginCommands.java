package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code railyard plugins list|install FILE|install --maven COORDINATES|delete NAME}: the plugin
 * store, through {@code /api/v1/plugins}. Stateless.
 */
public final class PluginCommands {

  private static final String USAGE =
      "use 'plugins list', 'plugins install FILE', 'plugins install --maven G:A:V' or"
          + " 'plugins delete NAME'";

  /** A Maven install resolves and downloads a dependency tree before it answers. */
  static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

  private PluginCommands() {}

  /** Runs the sub-command named by the first argument. */
  public static int run(List<String> argv, Terminal terminal) {
    if (argv.isEmpty() || argv.get(0).startsWith("-")) {
      throw CliFailure.invalid("'plugins' needs a sub-command: " + USAGE);
    }
    String sub = argv.get(0);
    List<String> rest = argv.subList(1, argv.size());
    switch (sub) {
      case "list":
        CliArgs list = CliArgs.parse("plugins list", rest, Set.of(), Set.of());
        list.expectNoPositionals();
        return list(list, terminal);
      case "install":
        return install(
            CliArgs.parse("plugins install", rest, Set.of("--maven"), Set.of()), terminal);
      case "delete":
        CliArgs delete = CliArgs.parse("plugins delete", rest, Set.of(), Set.of());
        return delete(delete, delete.onlyPositional("a plugin's NAME"), terminal);
      default:
        throw CliFailure.invalid("unknown sub-command 'plugins " + sub + "': " + USAGE);
    }
  }

  private static int list(CliArgs args, Terminal terminal) {
    boolean json = args.json();
    ApiAnswer answer = ApiCalls.of(args, terminal).get("/api/v1/plugins");
    if (!answer.ok()) {
      throw answer.failure("the plugins could not be listed");
    }
    if (json) {
      terminal.out().println(Rendering.json(answer));
    } else {
      Rendering.plugins(answer.json().path("plugins")).forEach(terminal.out()::println);
    }
    return ExitCodes.OK;
  }

  private static int install(CliArgs args, Terminal terminal) {
    boolean json = args.json();
    String maven = args.optional("--maven");
    ApiCalls calls = ApiCalls.of(args, terminal).withTimeout(INSTALL_TIMEOUT);
    ApiAnswer answer;
    String what;
    if (maven != null) {
      args.expectNoPositionals();
      what = maven;
      answer =
          calls.postJson(
              "/api/v1/plugins",
              JsonNodeFactory.instance.objectNode().put("maven", maven).toString());
    } else {
      Path file = Path.of(args.onlyPositional("the plugin archive FILE (.jar, .zip, .tar.gz)"));
      what = file.toString();
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (IOException e) {
        throw CliFailure.invalid("cannot read " + file + ": " + e.getMessage());
      }
      answer = calls.upload("/api/v1/plugins", file.getFileName().toString(), content);
    }
    if (!answer.ok()) {
      throw answer.failure(what + " was not installed");
    }
    JsonNode plugin = answer.json();
    terminal
        .out()
        .println(
            json
                ? Rendering.json(answer)
                : String.format(
                    "%-9s %s %s (%d classes)%s",
                    plugin.path("alreadyPresent").asBoolean() ? "unchanged" : "installed",
                    plugin.path("name").asText(),
                    plugin.path("version").asText(),
                    plugin.path("classes").size(),
                    plugin.path("alreadyPresent").asBoolean()
                        ? ""
                        : "; the workers restart one by one to load it"));
    return ExitCodes.OK;
  }

  private static int delete(CliArgs args, String name, Terminal terminal) {
    boolean json = args.json();
    ApiAnswer answer =
        ApiCalls.of(args, terminal)
            .delete("/api/v1/plugins/" + ApplyCommands.encode(name).replace("+", "%20"));
    if (!answer.ok()) {
      throw answer.failure("plugin '" + name + "' was not deleted");
    }
    terminal
        .out()
        .println(json ? Rendering.json(answer) : String.format("%-9s %s", "deleted", name));
    return ExitCodes.OK;
  }
}
