package dev.railyard.api.platform.answers;

/**
 * What a redrive did.
 *
 * @param rule the rule
 * @param target the target
 * @param redriven the letters sent back to the target's delivery topic
 * @param failedAgain the router's letters whose transform failed again, left where they are
 */
public record Redriven(String rule, String target, int redriven, int failedAgain) {}
