package dev.railyard.host.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.host.plugins.PluginException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code plugin.json} in each plugin folder: what was installed, from what, and when. */
final class PluginJson {

  static final String FILE_NAME = "plugin.json";
  static final int FORMAT = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PluginJson() {}

  /**
   * Writes the record, with the jars the store left out of the archive ({@code leftOut}, paths in
   * the archive) when there were any.
   */
  static void write(Path folder, Plugin plugin, List<String> leftOut) throws IOException {
    ObjectNode root =
        MAPPER
            .createObjectNode()
            .put("format", FORMAT)
            .put("name", plugin.name())
            .put("version", plugin.version())
            .put("sha256", plugin.sha256())
            .put("installedAt", plugin.installedAt().toString())
            .put("archiveBytes", plugin.archiveBytes())
            .put("archiveType", plugin.archiveType().name());
    ArrayNode classes = root.putArray("classes");
    for (PluginClass c : plugin.classes()) {
      classes
          .addObject()
          .put("class", c.className())
          .put("type", c.type().jsonName())
          .put("version", c.version());
    }
    if (!leftOut.isEmpty()) {
      ArrayNode left = root.putArray("leftOut");
      leftOut.forEach(left::add);
    }
    try {
      Files.write(
          folder.resolve(FILE_NAME), MAPPER.writeValueAsBytes(root), StandardOpenOption.CREATE_NEW);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw PluginException.of(
          Code.CONFLICT,
          "the archive holds a file named '%s' at its top, a name Railyard reserves; rename it",
          FILE_NAME);
    }
  }

  /** Reads a plugin folder's record; {@code folder}'s own name is taken as the plugin folder. */
  static Plugin read(Path folder) throws IOException {
    JsonNode root = MAPPER.readTree(folder.resolve(FILE_NAME).toFile());
    if (root.path("format").asInt() != FORMAT) {
      throw new IOException("unknown plugin.json format " + root.path("format"));
    }
    List<PluginClass> classes = new ArrayList<>();
    for (JsonNode c : root.path("classes")) {
      classes.add(
          new PluginClass(
              text(c, "class"),
              PluginClass.Type.fromJsonName(text(c, "type")),
              text(c, "version")));
    }
    return new Plugin(
        text(root, "name"),
        text(root, "version"),
        folder.getFileName().toString(),
        classes,
        text(root, "sha256"),
        Instant.parse(text(root, "installedAt")),
        root.path("archiveBytes").asLong(),
        ArchiveType.valueOf(text(root, "archiveType")));
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException("plugin.json lacks the text field '" + field + "'");
    }
    return value.asText();
  }
}
