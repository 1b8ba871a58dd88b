package dev.railyard.rules.pattern;

import java.util.List;

/**
 * What {@link RuleSet#matchEvent(byte[])} found in one event: the names of the rules it matched
 * and, as the reader passed over it anyway, the event's top-level {@code id}, so the router need
 * not read the event again for it.
 */
public final class Matched {

  private final List<String> rules;
  private final boolean idRead;
  private final byte[] id;

  Matched(List<String> rules, boolean idRead, byte[] id) {
    this.rules = rules;
    this.idRead = idRead;
    this.id = id;
  }

  /** The names of the rules matched, in the order the rules were added; immutable. */
  public List<String> rules() {
    return rules;
  }

  /**
   * Whether the reader could tell the event's id: false when the text is not an object to it, or
   * when a top-level key with escapes (which might spell {@code id}) came before any plain {@code
   * id}.
   */
  public boolean idRead() {
    return idRead;
  }

  /**
   * The first top-level {@code id}'s UTF-8 bytes (escapes decoded) when it is a string; null when
   * there is none, it is no string, or {@link #idRead()} is false. The caller may keep the array.
   */
  public byte[] idUtf8() {
    return id;
  }
}
