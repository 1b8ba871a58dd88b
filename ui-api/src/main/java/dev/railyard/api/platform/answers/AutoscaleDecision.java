package dev.railyard.api.platform.answers;

/**
 * One entry of the autoscaler's timeline: a change it decided, and what came of it.
 *
 * @param id its number, increasing
 * @param at when it was decided, ISO-8601
 * @param target {@code workers}, or a connector's name
 * @param from the count before
 * @param to the count decided
 * @param cause why, as a word ({@code DEMAND_UP}, {@code CPU}, ...)
 * @param reason why, as a sentence
 * @param outcome what came of acting on it
 */
public record AutoscaleDecision(
    long id,
    String at,
    String target,
    int from,
    int to,
    String cause,
    String reason,
    String outcome) {}
