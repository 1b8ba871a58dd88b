package dev.railyard.host.cli;

import java.util.List;
import java.util.Set;

/**
 * {@code railyard buses list|create NAME|delete NAME}: the event buses, through {@code
 * /api/v1/buses}. Stateless.
 */
public final class BusCommands {

  private static final String USAGE =
      "use 'buses list', 'buses create NAME' or 'buses delete NAME'";

  private BusCommands() {}

  /** Runs the sub-command named by the first argument. */
  public static int run(List<String> argv, Terminal terminal) {
    if (argv.isEmpty() || argv.get(0).startsWith("-")) {
      throw CliFailure.invalid("'buses' needs a sub-command: " + USAGE);
    }
    String sub = argv.get(0);
    CliArgs args = CliArgs.parse("buses " + sub, argv.subList(1, argv.size()), Set.of(), Set.of());
    switch (sub) {
      case "list":
        args.expectNoPositionals();
        return list(args, terminal);
      case "create":
        return change(args, args.onlyPositional("a bus NAME"), true, terminal);
      case "delete":
        return change(args, args.onlyPositional("a bus NAME"), false, terminal);
      default:
        throw CliFailure.invalid("unknown sub-command 'buses " + sub + "': " + USAGE);
    }
  }

  private static int list(CliArgs args, Terminal terminal) {
    boolean json = args.json();
    ApiAnswer answer = ApiCalls.of(args, terminal).get("/api/v1/buses");
    if (!answer.ok()) {
      throw answer.failure("the buses could not be listed");
    }
    if (json) {
      terminal.out().println(Rendering.json(answer));
    } else {
      Rendering.buses(answer.json()).forEach(terminal.out()::println);
    }
    return ExitCodes.OK;
  }

  private static int change(CliArgs args, String name, boolean create, Terminal terminal) {
    boolean json = args.json();
    ApiCalls calls = ApiCalls.of(args, terminal);
    String path = "/api/v1/buses/" + ApplyCommands.encode(name).replace("+", "%20");
    ApiAnswer answer = create ? calls.put(path) : calls.delete(path);
    if (!answer.ok()) {
      throw answer.failure("bus '" + name + "' was not " + (create ? "created" : "deleted"));
    }
    String done = !create ? "deleted" : answer.status() == 201 ? "created" : "unchanged";
    terminal.out().println(json ? Rendering.json(answer) : String.format("%-9s %s", done, name));
    return ExitCodes.OK;
  }
}
