package dev.railyard.embedded.worker;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment a worker JVM starts with: not the control plane's whole environment, which may
 * hold any secret of the shell that ran {@code railyard up}, but what a JVM needs ({@value
 * #KEPT_NAMES}) and the variables meant for connectors, those whose names match the secrets
 * pattern. Stateless.
 */
public final class WorkerEnvironment {

  /** The variables every worker keeps when they are set. */
  public static final String KEPT_NAMES = "PATH, HOME, JAVA_HOME, LANG, LC_ALL, TZ, TMPDIR";

  /** Names of the variables passed to workers and readable through {@code ${env:NAME}}. */
  public static final String DEFAULT_SECRETS_PATTERN = "RAILYARD_SECRET_.*";

  private static final Set<String> KEPT =
      Set.of("PATH", "HOME", "JAVA_HOME", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private WorkerEnvironment() {}

  /**
   * The variables of {@code parent} a worker gets.
   *
   * @param secrets names matched whole are passed on, never null
   */
  public static Map<String, String> of(Map<String, String> parent, Pattern secrets) {
    Map<String, String> kept = new TreeMap<>();
    parent.forEach(
        (name, value) -> {
          if (KEPT.contains(name) || secrets.matcher(name).matches()) {
            kept.put(name, value);
          }
        });
    return kept;
  }
}
