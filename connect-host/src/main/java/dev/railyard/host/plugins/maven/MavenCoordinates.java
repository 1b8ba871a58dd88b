package dev.railyard.host.plugins.maven;

import dev.railyard.host.plugins.maven.MavenException.Reason;
import java.util.regex.Pattern;

/**
 * The {@code group:artifact:version} of a plugin's jar. Version ranges and the {@code LATEST} and
 * {@code RELEASE} meta-versions are refused, so an install always means one exact version.
 */
record MavenCoordinates(String groupId, String artifactId, String version) {

  static final String FORM = "group:artifact:version";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]+");
  private static final String EXAMPLE = "io.debezium:debezium-connector-postgres:3.1.0.Final";

  /**
   * Parses {@code group:artifact:version}, surrounding blanks ignored.
   *
   * @throws MavenException {@code INVALID_COORDINATES} naming the form expected
   */
  static MavenCoordinates parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "they are empty");
    }
    String[] parts = text.strip().split(":", -1);
    if (parts.length != 3) {
      throw invalid(text, "they have " + parts.length + " part(s) separated by ':', not 3");
    }
    if (!ID.matcher(parts[0]).matches()) {
      throw invalid(text, "the group '" + parts[0] + "' is not letters, digits, '.', '_' or '-'");
    }
    if (!ID.matcher(parts[1]).matches()) {
      throw invalid(
          text, "the artifact '" + parts[1] + "' is not letters, digits, '.', '_' or '-'");
    }
    if (!VERSION.matcher(parts[2]).matches()) {
      throw invalid(
          text,
          "the version '" + parts[2] + "' is not one exact version (ranges are not accepted)");
    }
    if (parts[2].equals("LATEST") || parts[2].equals("RELEASE")) {
      throw invalid(text, "'" + parts[2] + "' is not one exact version");
    }
    return new MavenCoordinates(parts[0], parts[1], parts[2]);
  }

  private static MavenException invalid(String text, String why) {
    return new MavenException(
        Reason.INVALID_COORDINATES,
        String.format(
            "'%s' are not Maven coordinates: %s; use %s, e.g. %s", text, why, FORM, EXAMPLE),
        null);
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
