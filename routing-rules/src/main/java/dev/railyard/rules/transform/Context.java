package dev.railyard.rules.transform;

/** Where a placeholder stands in its template, which decides how a value is written there. */
enum Context {
  /**
   * In a JSON template, outside any string literal: the value's JSON is written, strings quoted.
   */
  BARE,
  /**
   * Inside a string literal of a JSON template: the value's text is written escaped, without
   * quotes.
   */
  QUOTED,
  /** In a template that is not JSON: the value's text is written as it is. */
  TEXT
}
