package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * A config as its connector's ConfigDef sees it, for a form: {@code POST
 * /api/v1/connectors:validate}.
 *
 * @param connectorClass the plugin's class
 * @param errorCount how many errors the config has, over all keys
 * @param groups the ConfigDef's groups, in its order
 * @param configs every key, in the plugin's order
 */
public record ConnectorForm(
    String connectorClass, int errorCount, List<String> groups, List<Key> configs) {

  public ConnectorForm {
    groups = List.copyOf(groups);
    configs = List.copyOf(configs);
  }

  /**
   * One key: its definition and its value side by side.
   *
   * @param name the key
   * @param displayName its display name, or the key
   * @param type BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS or PASSWORD
   * @param required whether it has no default
   * @param secret whether its value is masked in this answer (PASSWORD, or a secret by its name)
   * @param defaultValue its default as text (the mask for a secret), or null when it has none
   * @param importance HIGH, MEDIUM or LOW
   * @param documentation its documentation, or empty
   * @param group its group ("Common" when it names none)
   * @param orderInGroup its place in the group, -1 when unordered
   * @param width NONE, SHORT, MEDIUM or LONG
   * @param dependents the keys whose validity depends on this one
   * @param value its value as validated (the mask for a secret), or null
   * @param recommendedValues the values the plugin recommends (none for a secret)
   * @param visible whether the plugin shows it with the other values as they are
   * @param errors what is wrong with its value, empty when nothing is
   */
  public record Key(
      String name,
      String displayName,
      String type,
      boolean required,
      boolean secret,
      @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
      String importance,
      String documentation,
      String group,
      int orderInGroup,
      String width,
      List<String> dependents,
      String value,
      List<String> recommendedValues,
      boolean visible,
      List<String> errors) {

    public Key {
      dependents = List.copyOf(dependents);
      recommendedValues = List.copyOf(recommendedValues);
      errors = List.copyOf(errors);
    }
  }
}
