package dev.railyard.host.connectors;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.host.config.SecretsConfig;
import dev.railyard.rules.delivery.GuardedSinkConfig;
import dev.railyard.rules.delivery.GuardedSinkConnector;
import dev.railyard.rules.kafka.ClientSettingsProvider;
import dev.railyard.rules.kafka.PluginClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a connector config may reach on the workers' machine, checked before any config is written
 * or validated, so that Connect never resolves a reference it should not: {@code ${file:…}} and
 * {@code ${directory:…}} only under {@code secrets.dir} (normalised, symbolic links followed),
 * {@code ${env:NAME}} only for names matching {@code secrets.env.pattern}, Railyard's own provider
 * only on its client keys, no other provider; FileStream connectors' {@code file} only under {@code
 * files.dir}, and so are the log source's {@code log.paths} and the log sink's {@code
 * log.directory} ({@link LogConnectorPaths}); and a masked secret sent back only while the keys
 * saying where it goes (URLs, hosts, endpoints, servers, connections) stay as they are. Problems
 * name the key and what would be valid, never a resolved value. Thread-safe.
 */
public final class ConfigGuard {

  /** Kafka's {@code ConfigTransformer} pattern: {@code ${provider:[path:]key}}. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");

  private static final Set<String> FILE_STREAM =
      Set.of(
          "FileStreamSink",
          "FileStreamSource",
          "FileStreamSinkConnector",
          "FileStreamSourceConnector");

  private static final Set<String> WHERE_PARTS =
      Set.of(
          "url",
          "uri",
          "urls",
          "uris",
          "host",
          "hosts",
          "hostname",
          "address",
          "endpoint",
          "endpoints",
          "connection",
          "server",
          "servers");

  private static final Pattern PARTS = Pattern.compile("[._\\-]");

  private final SecretsConfig settings;

  public ConfigGuard(SecretsConfig settings) {
    this.settings = settings;
  }

  /**
   * A guard that lets every path, variable and file through: for embeddings and tests whose
   * connector configs are all trusted, never for a control plane that takes configs over its API.
   */
  public static ConfigGuard unrestricted() {
    Path root = Path.of("/").toAbsolutePath();
    return new ConfigGuard(new SecretsConfig(root, Pattern.compile(".*"), root));
  }

  /** The config with a relative FileStream {@code file} taken relative to {@code files.dir}. */
  public Map<String, String> resolveFiles(Map<String, String> config) {
    String file = config.get("file");
    if (!isFileStream(config) || file == null || file.isBlank() || file.contains("${")) {
      return config;
    }
    try {
      if (Path.of(file).isAbsolute()) {
        return config;
      }
    } catch (InvalidPathException e) {
      return config;
    }
    Map<String, String> resolved = new LinkedHashMap<>(config);
    resolved.put("file", settings.filesDir().resolve(file).normalize().toString());
    return resolved;
  }

  /**
   * The problems of a config, one per key, in the config's order; empty when it may be written.
   *
   * @param current the connector's config in force, for the masked-secret check; null for none
   */
  public Map<String, String> problems(Map<String, String> config, Map<String, String> current) {
    Map<String, String> problems = new LinkedHashMap<>();
    config.forEach(
        (key, value) -> {
          String problem = value == null ? null : referenceProblem(key, value);
          if (problem != null) {
            problems.put(key, problem);
          }
        });
    if (isFileStream(config) && !problems.containsKey("file")) {
      String problem = fileProblem(config.get("file"));
      if (problem != null) {
        problems.put("file", problem);
      }
    }
    LogConnectorPaths.problems(hostedType(config), config, settings.filesDir(), ConfigGuard::inside)
        .forEach(problems::putIfAbsent);
    if (current != null) {
      problems.putAll(movedSecretProblems(config, current));
    }
    return problems;
  }

  /** The refusal of a config with problems (400 naming the keys), or null when it has none. */
  public <T> Outcome.Refused<T> refusal(Map<String, String> config, Map<String, String> current) {
    Map<String, String> problems = problems(config, current);
    if (problems.isEmpty()) {
      return null;
    }
    Map.Entry<String, String> first = problems.entrySet().iterator().next();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", first.getKey());
    Map<String, List<String>> errors = new LinkedHashMap<>();
    problems.forEach((k, v) -> errors.put(k, List.of(v)));
    details.put("errors", errors);
    return Outcome.refused(
        Kind.INVALID, "CONFIG_NOT_ALLOWED", first.getKey() + ": " + first.getValue(), details);
  }

  private String referenceProblem(String key, String value) {
    Matcher m = REFERENCE.matcher(value);
    while (m.find()) {
      String reference = m.group();
      String provider = m.group(1);
      String path = m.group(3);
      String name = m.group(4);
      String problem =
          switch (provider) {
            case "file", "directory" -> pathProblem(reference, path, name, provider);
            case "env" ->
                path == null && settings.secretsEnvPattern().matcher(name).matches()
                    ? null
                    : reference
                        + " reads a variable that does not match secrets.env.pattern ("
                        + settings.secretsEnvPattern().pattern()
                        + "); only such variables reach the workers";
            case ClientSettingsProvider.NAME ->
                PluginClients.isClientKey(key)
                    ? null
                    : reference + ": Railyard's own provider serves only its client keys";
            default ->
                reference
                    + " names the unknown config provider '"
                    + provider
                    + "'; the workers have file, directory and env";
          };
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private String pathProblem(String reference, String path, String name, String provider) {
    Path dir = settings.secretsDir();
    String where =
        reference
            + " must read a "
            + (provider.equals("file") ? "properties file" : "folder")
            + " under secrets.dir ("
            + dir
            + "), by its absolute path";
    if (path == null) {
      return where;
    }
    Path target = inside(path, dir);
    if (target == null) {
      return where;
    }
    if (provider.equals("directory") && inside(target.resolve(name).toString(), dir) == null) {
      return where;
    }
    return null;
  }

  private String fileProblem(String file) {
    if (file == null || file.isBlank()) {
      return null; // standard input or output of the worker
    }
    String valid =
        "FileStream connectors read and write only under files.dir ("
            + settings.filesDir()
            + "); give a path there, or one relative to it";
    if (file.contains("${")) {
      return valid + ", not a reference";
    }
    return inside(file, settings.filesDir()) == null ? valid : null;
  }

  /**
   * {@code path} normalised, when it is absolute and inside {@code dir} also once the symbolic
   * links of its existing part are followed; else null.
   */
  private static Path inside(String path, Path dir) {
    Path given;
    try {
      given = Path.of(path);
    } catch (InvalidPathException e) {
      return null;
    }
    if (!given.isAbsolute()) {
      return null;
    }
    Path normal = given.normalize();
    if (!normal.startsWith(dir)) {
      return null;
    }
    try {
      Path existing = normal;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing == null) {
        return normal;
      }
      Path realDir = Files.exists(dir) ? dir.toRealPath() : dir;
      return existing.toRealPath().startsWith(realDir) ? normal : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> movedSecretProblems(
      Map<String, String> config, Map<String, String> current) {
    String masked =
        config.entrySet().stream()
            .filter(e -> SecretMasking.MASK.equals(e.getValue()))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
    Map<String, String> problems = new LinkedHashMap<>();
    if (masked == null) {
      return problems;
    }
    Set<String> keys = new LinkedHashSet<>(config.keySet());
    keys.addAll(current.keySet());
    for (String key : keys) {
      String now = config.get(key);
      if (isWhereKey(key)
          && !SecretMasking.MASK.equals(now)
          && !Objects.equals(now, current.get(key))) {
        problems.put(
            key,
            "changed while '"
                + masked
                + "' is sent back masked, which would send the kept secret to the new place;"
                + " give the secret again with the new value");
      }
    }
    return problems;
  }

  /** Whether a key says where a connector connects: a URL, host, endpoint or server. */
  static boolean isWhereKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("bootstrap.servers")) {
      return true;
    }
    for (String part : PARTS.split(k)) {
      if (WHERE_PARTS.contains(part)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFileStream(Map<String, String> config) {
    return FILE_STREAM.contains(hostedType(config));
  }

  /**
   * The simple name of the connector class that runs (a rule target's hosted sink); "" for none.
   */
  private static String hostedType(Map<String, String> config) {
    String type = config.get("connector.class");
    if (GuardedSinkConnector.class.getName().equals(type)) {
      type = config.get(GuardedSinkConfig.DELEGATE_CLASS_CONFIG);
    }
    if (type == null) {
      return "";
    }
    return type.strip().substring(type.strip().lastIndexOf('.') + 1);
  }
}
