package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code railyard apply -f FILE [--dry-run] [--prune]} and {@code railyard validate -f FILE}: send
 * a rule file to {@code POST /api/v1/rules:apply} or {@code :validate}. Stateless.
 */
public final class ApplyCommands {

  private static final String YAML = "application/yaml";

  private ApplyCommands() {}

  /** Applies the file; prints one line per rule and what happened to it. */
  public static int apply(List<String> argv, Terminal terminal) {
    CliArgs args = CliArgs.parse("apply", argv, Set.of("--file"), Set.of("--dry-run", "--prune"));
    args.expectNoPositionals();
    String file = args.required("--file", "FILE (a rule file in YAML, - for stdin)");
    boolean dryRun = args.has("--dry-run");
    boolean json = args.json();
    String yaml = LocalFiles.text(file, terminal.in());
    String name = LocalFiles.displayName(file);
    ApiAnswer answer =
        ApiCalls.of(args, terminal)
            .post(
                "/api/v1/rules:apply?file="
                    + encode(name)
                    + "&dryRun="
                    + dryRun
                    + "&prune="
                    + args.has("--prune"),
                YAML,
                yaml);
    if (json) {
      terminal.out().println(Rendering.json(answer));
    }
    if (!answer.ok()) {
      throw answer.failure(name + " was refused, nothing was applied");
    }
    if (!json) {
      Rendering.actions(answer.json()).forEach(terminal.out()::println);
      if (dryRun) {
        terminal.out().println("(dry run: nothing was changed)");
      }
    }
    return ExitCodes.OK;
  }

  /** Checks the file as apply would, changing nothing; prints the rules it holds. */
  public static int validate(List<String> argv, Terminal terminal) {
    CliArgs args = CliArgs.parse("validate", argv, Set.of("--file"), Set.of());
    args.expectNoPositionals();
    String file = args.required("--file", "FILE (a rule file in YAML, - for stdin)");
    boolean json = args.json();
    String yaml = LocalFiles.text(file, terminal.in());
    String name = LocalFiles.displayName(file);
    ApiAnswer answer =
        ApiCalls.of(args, terminal).post("/api/v1/rules:validate?file=" + encode(name), YAML, yaml);
    if (json) {
      terminal.out().println(Rendering.json(answer));
    }
    if (!answer.ok()) {
      throw answer.failure(name + " is invalid");
    }
    if (!json) {
      JsonNode rules = answer.json().path("rules");
      rules.forEach(r -> terminal.out().println("valid     " + r.asText()));
      terminal
          .out()
          .println(
              name + " is valid (" + rules.size() + (rules.size() == 1 ? " rule)" : " rules)"));
    }
    return ExitCodes.OK;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
