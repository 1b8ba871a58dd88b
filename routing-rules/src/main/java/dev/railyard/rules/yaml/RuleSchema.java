package dev.railyard.rules.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of one rule document, for editors to complete and check rule
 * files and for the API to publish. Thread-safe.
 */
public final class RuleSchema {

  /** Where the schema is on the class path. */
  public static final String RESOURCE = "/dev/railyard/rules/rule.schema.json";

  private static final String JSON = readResource();

  private RuleSchema() {}

  /** The schema as JSON text; never null. */
  public static String json() {
    return JSON;
  }

  private static String readResource() {
    try (InputStream in = RuleSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
