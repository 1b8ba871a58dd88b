package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.rules.pattern.Pattern;
import dev.railyard.rules.pattern.Problem;
import java.util.List;
import java.util.Set;

/**
 * {@code railyard test-pattern --pattern FILE --event FILE}: EventBridge's TestEventPattern through
 * {@code POST /api/v1/rules:test}. Like {@code grep}, it answers in its exit code: 0 the event
 * matches, 1 it does not (or the input is invalid), 2 Railyard is unreachable. Stateless.
 */
public final class PatternCommand {

  private PatternCommand() {}

  /** Tests the event against the pattern; prints {@code matches} or {@code does not match}. */
  public static int run(List<String> argv, Terminal terminal) {
    CliArgs args = CliArgs.parse("test-pattern", argv, Set.of("--pattern", "--event"), Set.of());
    args.expectNoPositionals();
    String patternFile = args.required("--pattern", "FILE (an EventBridge pattern in JSON)");
    String eventFile = args.required("--event", "FILE (the event in JSON, - for stdin)");
    if (patternFile.equals(LocalFiles.STDIN) && eventFile.equals(LocalFiles.STDIN)) {
      throw CliFailure.invalid("only one of --pattern and --event can be - (stdin)");
    }
    boolean json = args.json();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    JsonNode event = LocalFiles.json(eventFile, LocalFiles.text(eventFile, terminal.in()));
    if (!event.isObject()) {
      throw CliFailure.invalid(
          LocalFiles.displayName(eventFile) + " must hold the event as a JSON object");
    }
    String pattern = LocalFiles.text(patternFile, terminal.in());
    body.set("event", event);
    body.set("pattern", LocalFiles.json(patternFile, pattern));
    ApiAnswer answer =
        ApiCalls.of(args, terminal).post("/api/v1/rules:test", "application/json", body.toString());
    if (json) {
      terminal.out().println(Rendering.json(answer));
    }
    if (!answer.ok()) {
      throw located(
          answer.failure(LocalFiles.displayName(patternFile) + " is not a valid pattern"),
          LocalFiles.displayName(patternFile),
          pattern);
    }
    boolean matches = answer.json().path("matches").asBoolean(false);
    if (!json) {
      terminal.out().println(matches ? "matches" : "does not match");
    }
    return matches ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /**
   * The API checks the pattern as re-serialised JSON, so its line:col are not the file's; the same
   * check on the file's text places each problem in the file. Kept as the API said when the two
   * disagree (a CLI of another version).
   */
  static CliFailure located(CliFailure failure, String file, String patternText) {
    if (failure.problems().isEmpty() || failure.exitCode() != ExitCodes.INVALID) {
      return failure;
    }
    List<Problem> local = Pattern.check(patternText);
    List<String> problems =
        local.size() == failure.problems().size()
            ? local.stream().map(p -> file + ":" + p).toList()
            : failure.problems().stream().map(p -> file + ": " + p).toList();
    return new CliFailure(failure.exitCode(), failure.getMessage(), problems);
  }
}
