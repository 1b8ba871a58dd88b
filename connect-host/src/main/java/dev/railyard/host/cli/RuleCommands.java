package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code railyard rules list|get NAME|delete NAME}: the rules in force, through {@code
 * /api/v1/rules}. Stateless.
 */
public final class RuleCommands {

  private static final String USAGE = "use 'rules list', 'rules get NAME' or 'rules delete NAME'";

  private RuleCommands() {}

  /** Runs the sub-command named by the first argument. */
  public static int run(List<String> argv, Terminal terminal) {
    if (argv.isEmpty() || argv.get(0).startsWith("-")) {
      throw CliFailure.invalid("'rules' needs a sub-command: " + USAGE);
    }
    String sub = argv.get(0);
    CliArgs args = CliArgs.parse("rules " + sub, argv.subList(1, argv.size()), Set.of(), Set.of());
    switch (sub) {
      case "list":
        args.expectNoPositionals();
        return list(args, terminal);
      case "get":
        return get(args, args.onlyPositional("a rule's NAME"), terminal);
      case "delete":
        return delete(args, args.onlyPositional("a rule's NAME"), terminal);
      default:
        throw CliFailure.invalid("unknown sub-command 'rules " + sub + "': " + USAGE);
    }
  }

  private static int list(CliArgs args, Terminal terminal) {
    ApiAnswer answer = calls(args, terminal).get("/api/v1/rules");
    if (!answer.ok()) {
      throw answer.failure("the rules could not be listed");
    }
    if (args.json()) {
      terminal.out().println(Rendering.json(answer));
    } else if (answer.json().isEmpty()) {
      terminal.err().println("no rules (apply a rule file with 'railyard apply -f FILE')");
    } else {
      Rendering.table(answer.json()).forEach(terminal.out()::println);
    }
    return ExitCodes.OK;
  }

  private static int get(CliArgs args, String name, Terminal terminal) {
    ApiAnswer answer = calls(args, terminal).get("/api/v1/rules/" + path(name));
    if (!answer.ok()) {
      throw answer.failure("rule '" + name + "' could not be read");
    }
    JsonNode rule = answer.json();
    terminal
        .out()
        .println(args.json() ? Rendering.json(answer) : Rendering.yaml(rule.path("document")));
    return ExitCodes.OK;
  }

  private static int delete(CliArgs args, String name, Terminal terminal) {
    ApiAnswer answer = calls(args, terminal).delete("/api/v1/rules/" + path(name));
    if (!answer.ok()) {
      throw answer.failure("rule '" + name + "' was not deleted");
    }
    terminal
        .out()
        .println(args.json() ? Rendering.json(answer) : String.format("%-9s %s", "deleted", name));
    return ExitCodes.OK;
  }

  private static ApiCalls calls(CliArgs args, Terminal terminal) {
    args.json();
    return ApiCalls.of(args, terminal);
  }

  // a path segment: URLEncoder's '+' for space is only right in queries
  private static String path(String name) {
    return ApplyCommands.encode(name).replace("+", "%20");
  }
}
