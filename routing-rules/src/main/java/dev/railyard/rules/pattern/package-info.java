/**
 * The EventBridge pattern language of Railyard's routing rules: parse, validate, compile and match.
 * {@link dev.railyard.rules.pattern.Pattern} and {@link dev.railyard.rules.pattern.RuleSet} are the
 * public facade; everything else is a package-private matcher.
 */
package dev.railyard.rules.pattern;
