package dev.railyard.host.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of one rule command: positional words, flags with a value ({@code --file x}, {@code
 * --file=x}, {@code -f x}) and switches ({@code --dry-run}). Every command also takes {@code --url
 * URL}, {@code --token TOKEN} and {@code --output text|json}. Immutable.
 */
final class CliArgs {

  static final String DEFAULT_URL = "http://127.0.0.1:8080";
  static final String URL_ENV = "RAILYARD_URL";
  static final String TOKEN_ENV = "RAILYARD_TOKEN";
  private static final Set<String> COMMON = Set.of("--url", "--output", "--token");
  private static final Map<String, String> SHORT = Map.of("-f", "--file", "-o", "--output");

  private final String command;
  private final List<String> positionals;
  private final Map<String, String> values;
  private final Set<String> switches;

  private CliArgs(
      String command, List<String> positionals, Map<String, String> values, Set<String> switches) {
    this.command = command;
    this.positionals = List.copyOf(positionals);
    this.values = Map.copyOf(values);
    this.switches = Set.copyOf(switches);
  }

  /**
   * @param command the command's name, for messages
   * @param valueFlags the command's own flags that take a value, e.g. {@code --file}
   * @param switchFlags the command's flags without a value, e.g. {@code --dry-run}
   * @throws CliFailure (invalid) for an unknown flag or a flag without its value
   */
  static CliArgs parse(
      String command, List<String> args, Set<String> valueFlags, Set<String> switchFlags) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    Set<String> switches = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String flag = SHORT.getOrDefault(name, name);
      if (switchFlags.contains(flag) && eq < 0) {
        switches.add(flag);
      } else if (valueFlags.contains(flag) || COMMON.contains(flag)) {
        if (eq < 0 && i + 1 >= args.size()) {
          throw CliFailure.invalid("flag " + flag + " of '" + command + "' needs a value");
        }
        values.put(flag, eq < 0 ? args.get(++i) : arg.substring(eq + 1));
      } else {
        throw CliFailure.invalid(
            "unknown flag "
                + arg
                + " for '"
                + command
                + "' (flags: "
                + String.join(", ", known(valueFlags, switchFlags))
                + ")");
      }
    }
    return new CliArgs(command, positionals, values, switches);
  }

  private static Set<String> known(Set<String> valueFlags, Set<String> switchFlags) {
    Set<String> all = new TreeSet<>(COMMON);
    all.addAll(valueFlags);
    all.addAll(switchFlags);
    return all;
  }

  List<String> positionals() {
    return positionals;
  }

  /** The one positional word this command needs, such as a rule's name. */
  String onlyPositional(String what) {
    if (positionals.size() != 1) {
      throw CliFailure.invalid(
          "'"
              + command
              + "' needs "
              + what
              + (positionals.isEmpty() ? "" : ", got " + String.join(" ", positionals)));
    }
    return positionals.get(0);
  }

  void expectNoPositionals() {
    if (!positionals.isEmpty()) {
      throw CliFailure.invalid(
          "unexpected argument '" + positionals.get(0) + "' for '" + command + "'");
    }
  }

  /** A flag's value; {@code hint} says in the error what the flag is for. */
  String required(String flag, String hint) {
    String value = values.get(flag);
    if (value == null || value.isEmpty()) {
      throw CliFailure.invalid("'" + command + "' needs " + flag + " " + hint);
    }
    return value;
  }

  /** A flag's value, or null when it was not given. */
  String optional(String flag) {
    return values.get(flag);
  }

  boolean has(String switchFlag) {
    return switches.contains(switchFlag);
  }

  /** Whether {@code --output json} was given. */
  boolean json() {
    String output = values.getOrDefault("--output", "text");
    if (!output.equals("text") && !output.equals("json")) {
      throw CliFailure.invalid("--output must be text or json, got '" + output + "'");
    }
    return output.equals("json");
  }

  /** The API's base URL: {@code --url}, else {@code RAILYARD_URL}, else the local default. */
  String url(Map<String, String> env) {
    String url = values.get("--url");
    if (url == null || url.isBlank()) {
      url = env.getOrDefault(URL_ENV, "");
    }
    if (url.isBlank()) {
      url = DEFAULT_URL;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw CliFailure.invalid(
          "the API URL must start with http:// or https://, got '"
              + url
              + "' (from "
              + (values.containsKey("--url") ? "--url" : URL_ENV)
              + ")");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The API token: {@code --token}, else {@code RAILYARD_TOKEN}, else the admin token file of the
   * local data directory ({@code data.dir} of {@code ./railyard.properties}, else {@code ./data});
   * empty when there is none, and the API then answers 401.
   */
  Optional<String> token(Map<String, String> env, Path workingDir) {
    String token = values.get("--token");
    if (token == null || token.isBlank()) {
      token = env.getOrDefault(TOKEN_ENV, "");
    }
    if (!token.isBlank()) {
      return Optional.of(token.trim());
    }
    Path file = LocalFiles.adminTokenFile(workingDir);
    try {
      return Files.isReadable(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      throw CliFailure.invalid("cannot read the token in " + file + ": " + e.getMessage());
    }
  }
}
