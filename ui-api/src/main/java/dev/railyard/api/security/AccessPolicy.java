package dev.railyard.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access each route needs, read from the {@code x-railyard-role} of every operation in the
 * OpenAPI document, so the document users read and the checks the server makes cannot disagree. A
 * path template's {@code {param}} matches one path segment; a trailing {@code {path}} matches the
 * rest of the path. Where several templates match, the one with the most literal characters wins
 * ({@code /connectors/{name}/offsets} before {@code /connectors/{name}/{action}}).
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessPolicy {

  /** The extension each OpenAPI operation names its access with. */
  public static final String EXTENSION = "x-railyard-role";

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern PARAM = Pattern.compile("\\{[^/}]+}");

  private final List<Rule> rules;

  private AccessPolicy(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * One documented operation.
   *
   * @param declared whether the operation names its access; one that does not needs admin
   */
  public record Rule(
      String method,
      String template,
      Pattern path,
      int literals,
      Access access,
      boolean declared) {}

  /**
   * Reads the policy of an OpenAPI document.
   *
   * @throws IllegalArgumentException naming the operation whose {@value #EXTENSION} is not an
   *     access level
   */
  public static AccessPolicy of(JsonNode document) {
    List<Rule> rules = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (METHODS.contains(operation.getKey())) {
                            rules.add(
                                rule(path.getKey(), operation.getKey(), operation.getValue()));
                          }
                        }));
    rules.sort(Comparator.comparingInt(Rule::literals).reversed());
    return new AccessPolicy(List.copyOf(rules));
  }

  private static Rule rule(String template, String method, JsonNode operation) {
    JsonNode declared = operation.get(EXTENSION);
    Access access;
    try {
      access = declared == null ? Access.ADMIN : Access.parse(declared.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          method.toUpperCase(Locale.ROOT) + " " + template + ": " + e.getMessage());
    }
    return new Rule(
        method.toUpperCase(Locale.ROOT),
        template,
        regex(template),
        PARAM.matcher(template).replaceAll("").length(),
        access,
        declared != null);
  }

  private static Pattern regex(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      boolean rest = m.end() == template.length() && m.group().equals("{path}");
      regex.append(rest ? ".+" : "[^/]+");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }

  /**
   * The documented operation a request falls under: {@code HEAD} counts as {@code GET}.
   *
   * @param path the decoded, normalised path
   */
  public Optional<Rule> match(String method, String path) {
    String m = method.equals("HEAD") ? "GET" : method;
    return rules.stream()
        .filter(r -> r.method().equals(m) && r.path().matcher(path).matches())
        .findFirst();
  }

  /** What a request needs: its operation's access, or {@link Access#ADMIN} when none matches. */
  public Access required(String method, String path) {
    return match(method, path).map(Rule::access).orElse(Access.ADMIN);
  }

  /** Every documented operation. */
  public List<Rule> rules() {
    return rules;
  }
}
