package dev.railyard.sources.kubernetes;

import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One kind of object the source watches, as {@code [group/]version/Kind[:plural]}: {@code v1/Pod},
 * {@code batch/v1/Job}, {@code example.com/v1/Person:people}. The plural, which names the kind in
 * the API's paths, is fabric8's pluralization of the kind unless given. Immutable.
 *
 * @param group the API group; empty for the core group
 */
record ResourceKind(String group, String version, String kind, String plural) {

  static final String EXPECTED =
      "each kind must be [group/]version/Kind[:plural], for example v1/Pod, batch/v1/Job or"
          + " example.com/v1/Person:people";

  private static final Pattern GROUP =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern VERSION = Pattern.compile("v[0-9]+((alpha|beta)[0-9]+)?");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern PLURAL = Pattern.compile("[a-z][a-z0-9]*");

  /**
   * Reads one kind as the config writes it.
   *
   * @throws IllegalArgumentException naming what is wrong and what would do
   */
  static ResourceKind parse(String text) {
    String t = text.strip();
    String plural = null;
    int colon = t.indexOf(':');
    if (colon >= 0) {
      plural = t.substring(colon + 1);
      t = t.substring(0, colon);
      if (!PLURAL.matcher(plural).matches()) {
        throw new IllegalArgumentException(
            "'" + text + "': the plural must be lower-case letters and digits; " + EXPECTED);
      }
    }
    String[] parts = t.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("'" + text + "': " + EXPECTED);
    }
    String group = parts.length == 3 ? parts[0] : "";
    String version = parts[parts.length - 2];
    String kind = parts[parts.length - 1];
    if (!group.isEmpty() && !GROUP.matcher(group).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + group + "' is not an API group (a DNS name); " + EXPECTED);
    }
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': '"
              + version
              + "' is not an API version such as v1 or v1beta1; "
              + EXPECTED);
    }
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "': '" + kind + "' is not a kind (CamelCase, such as Pod); " + EXPECTED);
    }
    return new ResourceKind(
        group,
        version,
        kind,
        plural != null ? plural : Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)));
  }

  /** {@code v1} or {@code batch/v1}, as objects of the kind say in their {@code apiVersion}. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path of one object, as Knative's ApiServerSource writes its {@code subject}. */
  String path(String namespace, String name) {
    StringBuilder p = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    p.append(version);
    if (namespace != null && !namespace.isEmpty()) {
      p.append("/namespaces/").append(namespace);
    }
    return p.append('/').append(plural).append('/').append(name).toString();
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** As the config writes it, plural included: {@code batch/v1/Job:jobs}. */
  @Override
  public String toString() {
    return apiVersion() + "/" + kind + ":" + plural;
  }
}
