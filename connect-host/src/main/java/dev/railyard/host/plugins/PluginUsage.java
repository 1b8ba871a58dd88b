package dev.railyard.host.plugins;

import dev.railyard.rules.delivery.GuardedSinkConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which plugin classes a set of connector configs uses: {@code connector.class}, the key, value and
 * header converters, and every {@code transforms.<alias>.type} and {@code predicates.<alias>.type},
 * by full name or by Kafka's aliases (simple name, or simple name without its type suffix). A
 * pinned {@code *.plugin.version} limits the match to that version; without one (or with a version
 * range), or for a class whose version the scan could not read ({@code "unknown"}: only the worker
 * knows it), every version counts as used, which errs on the side of refusing a delete. Pure and
 * thread-safe.
 */
public final class PluginUsage {

  private static final List<String> SUFFIXES =
      List.of("Connector", "HeaderConverter", "Converter", "Transformation", "Predicate");

  /** One reference to a class: what the config names, and the version it pins (or null). */
  private record Reference(String name, String version) {}

  private PluginUsage() {}

  /**
   * @param connectorConfigs each connector's config as Connect stores it
   * @return true for the classes those connectors use
   */
  public static Predicate<PluginClass> of(Collection<Map<String, String>> connectorConfigs) {
    List<Reference> references = new ArrayList<>();
    for (Map<String, String> config : connectorConfigs) {
      references.addAll(references(config));
    }
    return c -> references.stream().anyMatch(r -> matches(r, c));
  }

  private static List<Reference> references(Map<String, String> config) {
    List<Reference> references = new ArrayList<>();
    add(references, config, "connector.class", "connector.plugin.version");
    // a rule target's hosted sink, run by the delivery guard
    add(references, config, GuardedSinkConfig.DELEGATE_CLASS_CONFIG, "connector.plugin.version");
    for (String converter : List.of("key.converter", "value.converter", "header.converter")) {
      add(references, config, converter, converter + ".plugin.version");
    }
    for (String group : List.of("transforms", "predicates")) {
      for (String alias : config.getOrDefault(group, "").split(",")) {
        if (!alias.isBlank()) {
          String prefix = group + "." + alias.trim() + ".";
          add(references, config, prefix + "type", prefix + "plugin.version");
        }
      }
    }
    return references;
  }

  private static void add(
      List<Reference> references, Map<String, String> config, String key, String versionKey) {
    String name = config.get(key);
    if (name != null && !name.isBlank()) {
      references.add(new Reference(name.trim(), config.get(versionKey)));
    }
  }

  private static boolean matches(Reference reference, PluginClass c) {
    return names(reference.name(), c.className()) && versions(reference.version(), c.version());
  }

  private static boolean names(String referenced, String className) {
    if (referenced.equals(className)) {
      return true;
    }
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return referenced.equals(simple)
        || SUFFIXES.stream().anyMatch(s -> simple.equals(referenced + s));
  }

  private static boolean versions(String pinned, String version) {
    if (pinned == null || pinned.isBlank()) {
      return true;
    }
    String p = pinned.trim();
    return p.startsWith("[")
        || p.startsWith("(")
        || p.equals(version)
        || version.equals(ClassScanner.UNKNOWN_VERSION);
  }
}
