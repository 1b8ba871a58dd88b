package dev.railyard.sources.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins lines into multi-line events (a stack trace with the line that logged it): an event ends
 * when a line starts the next one, when it has {@code maxLines}, when its file is done, or when no
 * line came for {@code timeoutMs}. Without a rule every line is an event. An event's end is its
 * last line's end, so the offset of an event never covers a line of the next one. Not thread-safe.
 */
final class Multiline {

  /**
   * Exactly one of {@code start} (a line matching it begins an event) and {@code cont} (a line
   * matching it continues the event before) is non-null.
   */
  record Rule(Pattern start, Pattern cont, int maxLines, long timeoutMs) {}

  private final Rule rule;
  private final int maxBytes;
  private final List<Line> pending = new ArrayList<>();
  private long lastAdded;

  /** {@code rule} null: every line is an event. */
  Multiline(Rule rule, int maxBytes) {
    this.rule = rule;
    this.maxBytes = maxBytes;
  }

  /** Adds a line; the events it completes, in order (often none). */
  List<Line> add(Line line, long now) {
    if (rule == null) {
      return List.of(line);
    }
    List<Line> done = new ArrayList<>(2);
    boolean begins =
        rule.start() != null
            ? rule.start().matcher(line.text()).find()
            : !rule.cont().matcher(line.text()).find();
    if (begins && !pending.isEmpty()) {
      done.add(join());
    }
    pending.add(line);
    lastAdded = now;
    if (pending.size() >= rule.maxLines()) {
      done.add(join());
    }
    return done;
  }

  /** The event waiting for more lines, if none came for the timeout; else null. */
  Line expired(long now) {
    return rule != null && !pending.isEmpty() && now - lastAdded >= rule.timeoutMs()
        ? join()
        : null;
  }

  /** The event waiting for more lines, now; null if there is none. */
  Line flush() {
    return pending.isEmpty() ? null : join();
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  private Line join() {
    StringBuilder text = new StringBuilder();
    boolean truncated = false;
    for (Line l : pending) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(l.text());
      truncated |= l.truncated();
    }
    if (text.length() > maxBytes) {
      text.setLength(maxBytes);
      truncated = true;
    }
    Line event =
        new Line(
            text.toString(),
            pending.get(0).start(),
            pending.get(pending.size() - 1).end(),
            truncated);
    pending.clear();
    return event;
  }
}
