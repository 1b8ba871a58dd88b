package dev.railyard.api.platform;

/**
 * Which rules {@link RuleAdmin#list} answers: those of the caller's buses matching both filters, by
 * name, then the page of them. Immutable.
 *
 * @param text matches a rule whose name, bus or one of whose targets' names contains it, ignoring
 *     case; at most 200 characters; null (or blank) for every rule (the API's {@code q})
 * @param bus matches the rules of that bus only, exactly; null (or blank) for every bus (the API's
 *     {@code bus})
 * @param paging the page
 */
public record RuleQuery(String text, String bus, Paging paging) {

  /** Every rule. */
  public static final RuleQuery ALL = new RuleQuery(null, null, Paging.ALL);

  /**
   * @throws IllegalArgumentException naming the API's parameter and what would be valid
   */
  public RuleQuery {
    text = Filters.text(text);
    bus = bus == null || bus.isBlank() ? null : bus.trim();
    paging = paging == null ? Paging.ALL : paging;
  }
}
