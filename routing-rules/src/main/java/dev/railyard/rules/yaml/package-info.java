/**
 * Strict loading of YAML rule files ({@link dev.railyard.rules.yaml.RuleFiles}) with every problem
 * reported as {@code file:line:column path: message}, and the JSON Schema of a rule document
 * ({@link dev.railyard.rules.yaml.RuleSchema}).
 */
package dev.railyard.rules.yaml;
