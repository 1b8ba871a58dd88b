package dev.railyard.host.plugins.maven;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Maven repository in a folder, laid out as Maven Central is, with {@code .sha1} files next to
 * every file so the resolver's checksum policy {@code fail} accepts it.
 */
public final class FileRepository {

  private final Path root;

  public FileRepository(Path root) {
    this.root = root;
  }

  /** The {@code file:} URL the resolver is pointed at. */
  public String url() {
    return root.toUri().toString();
  }

  /**
   * Lays out {@code group:artifact:version} as a jar and a POM.
   *
   * @param jar the jar's bytes
   * @param dependencies {@code <dependency>} elements for the POM
   */
  public FileRepository artifact(
      String group, String artifact, String version, byte[] jar, String... dependencies) {
    Path dir = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    String pom =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId>
          <artifactId>%s</artifactId>
          <version>%s</version>
          <dependencies>
        %s
          </dependencies>
        </project>
        """
            .formatted(group, artifact, version, String.join("\n", dependencies));
    write(dir.resolve(artifact + "-" + version + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
    write(dir.resolve(artifact + "-" + version + ".jar"), jar);
    return this;
  }

  /** Lays out {@code group:artifact:version} as a jar and a POM whose parent is {@code parent}. */
  public FileRepository artifactWithParent(
      String group, String artifact, String version, byte[] jar, String parent) {
    String[] gav = parent.split(":");
    String pom =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>%s</groupId>
            <artifactId>%s</artifactId>
            <version>%s</version>
          </parent>
          <artifactId>%s</artifactId>
        </project>
        """
            .formatted(gav[0], gav[1], gav[2], artifact);
    Path dir = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    write(dir.resolve(artifact + "-" + version + ".pom"), pom.getBytes(StandardCharsets.UTF_8));
    write(dir.resolve(artifact + "-" + version + ".jar"), jar);
    return this;
  }

  /**
   * Lays out one more file of {@code group:artifact:version}, e.g. its {@code package} tar.gz.
   *
   * @param classifier the classifier, or null
   * @param extension the file's extension in the repository, e.g. {@code tar.gz}
   */
  public FileRepository file(
      String group,
      String artifact,
      String version,
      String classifier,
      String extension,
      byte[] content) {
    Path dir = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    String suffix = (classifier == null ? "" : "-" + classifier) + "." + extension;
    write(dir.resolve(artifact + "-" + version + suffix), content);
    return this;
  }

  /** A {@code <dependency>} element. */
  static String dependency(String coordinates, String scope, boolean optional) {
    String[] gav = coordinates.split(":");
    return """
            <dependency>
              <groupId>%s</groupId>
              <artifactId>%s</artifactId>
              <version>%s</version>
              <scope>%s</scope>
              <optional>%s</optional>
            </dependency>"""
        .formatted(gav[0], gav[1], gav[2], scope, optional);
  }

  /** A jar holding only a manifest, enough for a library the plugin depends on. */
  static byte[] libraryJar(String name) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, name);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      jar.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
