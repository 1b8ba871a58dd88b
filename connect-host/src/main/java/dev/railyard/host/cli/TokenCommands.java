package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code railyard tokens create NAME --role ROLE [--buses a,b] [--kind bearer|aws] | list | revoke
 * ID|NAME}: the API's tokens, through {@code /api/v1/tokens} (admins only). {@code create} prints
 * the new token once, on stdout alone, so {@code TOKEN=$(railyard tokens create ...)} works; an AWS
 * key pair for the EventBridge API ({@code --kind aws}) prints as the two lines {@code
 * AWS_ACCESS_KEY_ID=...} and {@code AWS_SECRET_ACCESS_KEY=...} that the AWS SDKs read from the
 * environment, so {@code export $(railyard tokens create ... --kind aws)} works. Stateless.
 */
public final class TokenCommands {

  private static final String USAGE =
      "use 'tokens create NAME --role ROLE [--buses a,b] [--kind bearer|aws]', 'tokens list' or"
          + " 'tokens revoke ID'";

  private TokenCommands() {}

  /** Runs the sub-command named by the first argument. */
  public static int run(List<String> argv, Terminal terminal) {
    if (argv.isEmpty() || argv.get(0).startsWith("-")) {
      throw CliFailure.invalid("'tokens' needs a sub-command: " + USAGE);
    }
    String sub = argv.get(0);
    List<String> rest = argv.subList(1, argv.size());
    switch (sub) {
      case "create":
        return create(
            CliArgs.parse("tokens create", rest, Set.of("--role", "--buses", "--kind"), Set.of()),
            terminal);
      case "list":
        CliArgs list = CliArgs.parse("tokens list", rest, Set.of(), Set.of());
        list.expectNoPositionals();
        return list(list, terminal);
      case "revoke":
        CliArgs revoke = CliArgs.parse("tokens revoke", rest, Set.of(), Set.of());
        return revoke(revoke, revoke.onlyPositional("a token's ID or NAME"), terminal);
      default:
        throw CliFailure.invalid("unknown sub-command 'tokens " + sub + "': " + USAGE);
    }
  }

  private static int create(CliArgs args, Terminal terminal) {
    String name = args.onlyPositional("the new token's NAME");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("name", name);
    body.put("role", args.required("--role", "(admin, editor, viewer or publisher)"));
    String kind = args.optional("--kind");
    if (kind != null && !kind.equals("bearer") && !kind.equals("aws")) {
      throw CliFailure.invalid(
          "--kind must be 'bearer' (an API token, the default) or 'aws' (a key pair for the"
              + " EventBridge API), not '"
              + kind
              + "'");
    }
    boolean keyPair = "aws".equals(kind);
    if (keyPair) {
      body.put("kind", "aws");
    }
    String buses = args.optional("--buses");
    if (buses != null) {
      ArrayNode list = body.putArray("buses");
      for (String bus : buses.split(",")) {
        if (!bus.isBlank()) {
          list.add(bus.trim());
        }
      }
    }
    ApiAnswer answer = ApiCalls.of(args, terminal).postJson("/api/v1/tokens", body.toString());
    if (!answer.ok()) {
      throw answer.failure("the token was not created");
    }
    JsonNode token = answer.json();
    if (args.json()) {
      terminal.out().println(Rendering.json(answer));
    } else {
      if (keyPair) {
        terminal.out().println("AWS_ACCESS_KEY_ID=" + token.path("accessKeyId").asText());
        terminal.out().println("AWS_SECRET_ACCESS_KEY=" + token.path("secretAccessKey").asText());
      } else {
        terminal.out().println(token.path("token").asText());
      }
      terminal
          .err()
          .println(
              (keyPair ? "created AWS key pair '" : "created token '")
                  + token.path("name").asText()
                  + "' (id "
                  + token.path("id").asText()
                  + ", role "
                  + token.path("role").asText()
                  + "); it is shown only this once");
    }
    return ExitCodes.OK;
  }

  private static int list(CliArgs args, Terminal terminal) {
    ApiAnswer answer = ApiCalls.of(args, terminal).get("/api/v1/tokens");
    if (!answer.ok()) {
      throw answer.failure("the tokens could not be listed");
    }
    if (args.json()) {
      terminal.out().println(Rendering.json(answer));
      return ExitCodes.OK;
    }
    terminal
        .out()
        .println(
            String.format(
                "%-12s  %-24s  %-6s  %-9s  %-20s  %s",
                "ID", "NAME", "KIND", "ROLE", "CREATED", "BUSES"));
    for (JsonNode t : answer.json().path("tokens")) {
      List<String> buses = new ArrayList<>();
      t.path("buses").forEach(b -> buses.add(b.asText()));
      terminal
          .out()
          .println(
              String.format(
                  "%-12s  %-24s  %-6s  %-9s  %-20s  %s",
                  t.path("id").asText(),
                  t.path("name").asText(),
                  t.path("kind").asText("bearer"),
                  t.path("role").asText(),
                  t.path("createdAt").asText().replaceAll("\\.\\d+Z$", "Z"),
                  buses.isEmpty() ? "all" : String.join(",", buses)));
    }
    return ExitCodes.OK;
  }

  private static int revoke(CliArgs args, String id, Terminal terminal) {
    ApiAnswer answer =
        ApiCalls.of(args, terminal).delete("/api/v1/tokens/" + ApplyCommands.encode(id));
    if (!answer.ok()) {
      throw answer.failure("token '" + id + "' was not revoked");
    }
    terminal
        .out()
        .println(args.json() ? Rendering.json(answer) : String.format("%-9s %s", "revoked", id));
    return ExitCodes.OK;
  }
}
