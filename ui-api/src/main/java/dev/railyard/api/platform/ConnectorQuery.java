package dev.railyard.api.platform;

import java.util.List;
import java.util.Locale;

/**
 * Which connectors {@link ConnectorAdmin#list} answers: those matching both filters, by name, then
 * the page of them. Immutable.
 *
 * @param text matches a connector whose name or {@code connector.class} contains it, ignoring case;
 *     at most 200 characters; null (or blank) for every connector (the API's {@code q})
 * @param state matches a connector in that state or with a task in it, so {@code FAILED} finds a
 *     running connector with a failed task too; one of {@link #STATES}, any case, or null for every
 *     state (the API's {@code state})
 * @param paging the page
 */
public record ConnectorQuery(String text, String state, Paging paging) {

  /** The states Connect gives connectors and tasks. */
  public static final List<String> STATES =
      List.of("RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED", "RESTARTING");

  /** Every connector. */
  public static final ConnectorQuery ALL = new ConnectorQuery(null, null, Paging.ALL);

  /**
   * @throws IllegalArgumentException naming the API's parameter and what would be valid
   */
  public ConnectorQuery {
    text = Filters.text(text);
    String given = state;
    state = given == null || given.isBlank() ? null : given.trim().toUpperCase(Locale.ROOT);
    if (state != null && !STATES.contains(state)) {
      throw new IllegalArgumentException(
          "state: one of " + String.join(", ", STATES) + ", got '" + given + "'");
    }
    paging = paging == null ? Paging.ALL : paging;
  }
}
