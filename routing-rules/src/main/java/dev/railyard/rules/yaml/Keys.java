package dev.railyard.rules.yaml;

import java.util.List;

/**
 * The keys a rule document may hold at each level, in the order messages list them. The JSON Schema
 * ({@code rule.schema.json}) declares the same keys; a test keeps the two in step. Stateless.
 */
final class Keys {

  static final List<String> ROOT = List.of("apiVersion", "kind", "metadata", "spec");
  static final List<String> METADATA = List.of("name");
  static final List<String> SPEC = List.of("bus", "enabled", "pattern", "transform", "targets");
  static final List<String> TRANSFORM = List.of("inputPath", "input", "paths", "template");
  static final List<String> TARGET =
      List.of("name", "connector", "config", "retry", "deadLetter", "cloudEvents");
  static final List<String> RETRY =
      List.of("maxAttempts", "maxAgeSeconds", "initialBackoffMs", "maxBackoffMs", "inOrder");

  static final String API_VERSION = "railyard/v1";
  static final String KIND = "Rule";

  private Keys() {}
}
