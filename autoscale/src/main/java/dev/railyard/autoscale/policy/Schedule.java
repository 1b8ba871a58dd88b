package dev.railyard.autoscale.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Windows of the week that raise the reserved worker count, like scheduled scaling: {@code mon-fri
 * 08:00-18:00 Europe/Berlin workers=3; sat,sun 10:00-14:00 workers=2}. Windows are separated by
 * {@code ;}; each has days ({@code *}, a day, a range {@code mon-fri}, or a list {@code sat,sun}),
 * a time range in 24-hour {@code HH:mm} (an end before the start runs past midnight; {@code
 * 00:00-24:00} is the whole day), an optional time zone (UTC when absent) and the worker count.
 * Immutable.
 */
public final class Schedule {

  /** What a valid window looks like, for error messages. */
  public static final String FORMAT =
      "<days> <HH:mm>-<HH:mm> [<zone>] workers=<n>, windows separated by ';', e.g. "
          + "'mon-fri 08:00-18:00 Europe/Berlin workers=3; sat,sun 10:00-14:00 workers=2'";

  /** No window: the reserved count is never raised. */
  public static final Schedule NONE = new Schedule(List.of(), "");

  private final List<Window> windows;
  private final String text;

  /** One window: on these days, from start until end, at least {@code workers} workers. */
  record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, int workers) {

    boolean covers(Instant instant) {
      ZonedDateTime local = instant.atZone(zone);
      LocalTime time = local.toLocalTime();
      DayOfWeek day = local.getDayOfWeek();
      if (start.isBefore(end)) {
        return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
      }
      // runs past midnight: the part after midnight belongs to the day before
      return (days.contains(day) && !time.isBefore(start))
          || (days.contains(day.minus(1)) && time.isBefore(end));
    }
  }

  private Schedule(List<Window> windows, String text) {
    this.windows = List.copyOf(windows);
    this.text = text;
  }

  /**
   * Parses windows written as {@link #FORMAT}; blank text is {@link #NONE}.
   *
   * @throws IllegalArgumentException naming the window and the part that does not parse
   */
  public static Schedule parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    List<Window> windows = new ArrayList<>();
    String[] parts = text.split(";");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      if (!part.isEmpty()) {
        windows.add(window(part, i + 1));
      }
    }
    return new Schedule(windows, text.trim());
  }

  private static Window window(String text, int index) {
    String[] words = text.trim().split("\\s+");
    String where = "window " + index + " ('" + text + "'): ";
    if (words.length < 3 || words.length > 4) {
      throw new IllegalArgumentException(where + "expected " + FORMAT);
    }
    Set<DayOfWeek> days = days(words[0], where);
    String[] times = words[1].split("-");
    if (times.length != 2) {
      throw new IllegalArgumentException(
          where + "'" + words[1] + "' is not a time range like 08:00-18:00");
    }
    LocalTime start = time(times[0], where);
    LocalTime end = time(times[1], where);
    if (start.equals(end)) {
      throw new IllegalArgumentException(
          where + "the range " + words[1] + " is empty; 00:00-24:00 is the whole day");
    }
    ZoneId zone = words.length == 4 ? zone(words[2], where) : ZoneOffset.UTC;
    String count = words[words.length - 1];
    if (!count.startsWith("workers=")) {
      throw new IllegalArgumentException(
          where + "'" + count + "' should be workers=<n>, the reserved count inside the window");
    }
    int workers;
    try {
      workers = Integer.parseInt(count.substring("workers=".length()));
    } catch (NumberFormatException e) {
      workers = -1;
    }
    if (workers < 0) {
      throw new IllegalArgumentException(
          where + "'" + count + "' needs a whole number of workers, 0 or more");
    }
    return new Window(days, start, end, zone, workers);
  }

  private static Set<DayOfWeek> days(String text, String where) {
    if (text.equals("*")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : text.split(",")) {
      String[] range = item.split("-");
      if (range.length == 1) {
        days.add(day(range[0], where));
      } else if (range.length == 2) {
        DayOfWeek from = day(range[0], where);
        DayOfWeek to = day(range[1], where);
        for (DayOfWeek d = from; ; d = d.plus(1)) {
          days.add(d);
          if (d == to) {
            break;
          }
        }
      } else {
        throw new IllegalArgumentException(where + "'" + item + "' is not a day or a day range");
      }
    }
    return days;
  }

  private static DayOfWeek day(String text, String where) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().substring(0, 3).equalsIgnoreCase(text)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        where + "'" + text + "' is not a day; use mon, tue, wed, thu, fri, sat, sun or *");
  }

  private static LocalTime time(String text, String where) {
    if (text.equals("24:00")) {
      return LocalTime.MAX; // the end of the day
    }
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + "'" + text + "' is not a time like 08:00");
    }
  }

  private static ZoneId zone(String text, String where) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          where + "'" + text + "' is not a time zone; use e.g. UTC or Europe/Berlin");
    }
  }

  /** The largest count of the windows covering {@code instant}, or 0 when none does. */
  public int minimumAt(Instant instant) {
    return windows.stream()
        .filter(w -> w.covers(instant))
        .mapToInt(Window::workers)
        .max()
        .orElse(0);
  }

  /** Whether there is no window. */
  public boolean isEmpty() {
    return windows.isEmpty();
  }

  /** The text it was parsed from, trimmed. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule s
        && s.text.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT));
  }

  @Override
  public int hashCode() {
    return text.toLowerCase(Locale.ROOT).hashCode();
  }
}
