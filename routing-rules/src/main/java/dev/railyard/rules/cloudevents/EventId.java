package dev.railyard.rules.cloudevents;

import java.util.Objects;

/**
 * The {@code id} of a CloudEvent in structured JSON, read by scanning the bytes: the top-level
 * members before {@code id} are checked and skipped (nested values too, as a whole), and nothing is
 * read after it. No parser and no tree are made, so an event whose {@code id} comes first, as
 * PutEvents writes it, costs a few dozen bytes of scanning.
 *
 * <p>It answers what Jackson's streaming parser (with its default settings) answers for the same
 * bytes, which the tests check on generated and mutated events: the first top-level member whose
 * name is {@code id} (escapes in the name decoded), its value when that is a string, and null when
 * the text is not a JSON object or is malformed before that value ends. Its limits are Jackson's
 * too: at most 1,000 levels of nesting and numbers of at most 1,000 digits. It reads UTF-8 only (a
 * UTF-8 byte-order mark is skipped); text in UTF-16 or UTF-32, which a bus never holds, reads as
 * malformed here. Stateless and thread-safe.
 */
public final class EventId {

  private EventId() {}

  /**
   * @param json UTF-8 JSON text; not null
   * @return the top-level {@code id} when it is a string; null when it is absent, not a string, or
   *     the text is not a JSON object or is malformed before the {@code id}'s value ends
   */
  public static String of(byte[] json) {
    Objects.requireNonNull(json, "json");
    return new JsonScan(json).topLevelId();
  }
}
