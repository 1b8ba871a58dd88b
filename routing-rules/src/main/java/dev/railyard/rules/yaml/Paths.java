package dev.railyard.rules.yaml;

import java.util.regex.Pattern;

/**
 * Builds the document paths problems name: {@code spec.targets[1].config['tasks.max']}. Stateless.
 */
final class Paths {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");

  private Paths() {}

  static String key(String parent, String key) {
    if (!PLAIN.matcher(key).matches()) {
      return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
    return parent.isEmpty() ? key : parent + '.' + key;
  }

  static String index(String parent, int index) {
    return parent + '[' + index + ']';
  }
}
