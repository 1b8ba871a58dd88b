package dev.railyard.host.plugins.maven;

import dev.railyard.host.plugins.ArchiveType;
import dev.railyard.host.plugins.maven.MavenException.Reason;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code group:artifact:version[:classifier][@type]} of a plugin: a jar, resolved with its
 * runtime dependencies, or a plugin archive ({@code @zip}, {@code @tar.gz}, {@code @tgz}) that
 * holds them already, such as Camel Kafka Connector's {@code :package@tar.gz}. Version ranges and
 * the {@code LATEST} and {@code RELEASE} meta-versions are refused, so an install always means one
 * exact version.
 *
 * @param classifier the classifier, or null for none
 * @param extension the file extension in the repository: {@code jar}, {@code zip} or {@code tar.gz}
 */
record MavenCoordinates(
    String groupId, String artifactId, String version, String classifier, String extension) {

  static final String FORM = "group:artifact:version[:classifier][@type]";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]+");
  private static final String EXAMPLE = "io.debezium:debezium-connector-postgres:3.1.0.Final";
  private static final String ARCHIVE_EXAMPLE =
      "org.apache.camel.kafkaconnector:camel-rabbitmq-kafka-connector:0.11.5:package@tar.gz";
  // the types a plugin can come in, and the file extension each has in a repository
  private static final Map<String, String> TYPES =
      Map.of("jar", "jar", "zip", "zip", "tar.gz", "tar.gz", "tgz", "tgz");

  /** A plain jar without classifier. */
  MavenCoordinates(String groupId, String artifactId, String version) {
    this(groupId, artifactId, version, null, "jar");
  }

  /**
   * Parses {@code group:artifact:version[:classifier][@type]}, surrounding blanks ignored; the type
   * is {@code jar} (the default), {@code zip}, {@code tar.gz} or {@code tgz}.
   *
   * @throws MavenException {@code INVALID_COORDINATES} naming the part that is wrong and the form
   *     expected
   */
  static MavenCoordinates parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "they are empty");
    }
    String stripped = text.strip();
    int at = stripped.indexOf('@');
    String type = at < 0 ? "jar" : stripped.substring(at + 1);
    if (!TYPES.containsKey(type)) {
      throw invalid(text, "the type '" + type + "' is none of jar, zip, tar.gz or tgz");
    }
    String[] parts = (at < 0 ? stripped : stripped.substring(0, at)).split(":", -1);
    if (parts.length != 3 && parts.length != 4) {
      throw invalid(text, "they have " + parts.length + " part(s) separated by ':', not 3 or 4");
    }
    checkId(text, "group", parts[0]);
    checkId(text, "artifact", parts[1]);
    if (!VERSION.matcher(parts[2]).matches()) {
      throw invalid(
          text,
          "the version '" + parts[2] + "' is not one exact version (ranges are not accepted)");
    }
    if (parts[2].equals("LATEST") || parts[2].equals("RELEASE")) {
      throw invalid(text, "'" + parts[2] + "' is not one exact version");
    }
    String classifier = parts.length == 4 ? parts[3] : null;
    if (classifier != null) {
      checkId(text, "classifier", classifier);
    }
    return new MavenCoordinates(parts[0], parts[1], parts[2], classifier, TYPES.get(type));
  }

  private static void checkId(String text, String what, String value) {
    if (!ID.matcher(value).matches()) {
      throw invalid(
          text, "the " + what + " '" + value + "' is not letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * Whether this is a plugin archive that holds its dependencies, not a jar to resolve them for.
   */
  boolean isArchive() {
    return !extension.equals("jar");
  }

  /** The store's format of this artifact's file. */
  ArchiveType archiveType() {
    return switch (extension) {
      case "zip" -> ArchiveType.ZIP;
      case "tar.gz", "tgz" -> ArchiveType.TGZ;
      default -> ArchiveType.JAR;
    };
  }

  private static MavenException invalid(String text, String why) {
    return new MavenException(
        Reason.INVALID_COORDINATES,
        String.format(
            "'%s' are not Maven coordinates: %s; use %s, e.g. %s or %s",
            text, why, FORM, EXAMPLE, ARCHIVE_EXAMPLE),
        null);
  }

  /** The coordinates as they were given, in their shortest form. */
  @Override
  public String toString() {
    return groupId
        + ":"
        + artifactId
        + ":"
        + version
        + (classifier == null ? "" : ":" + classifier)
        + (extension.equals("jar") ? "" : "@" + extension);
  }
}
