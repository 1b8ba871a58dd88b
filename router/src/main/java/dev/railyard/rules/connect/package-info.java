/**
 * Rules on Kafka Connect: the router, a sink connector that reads one bus, matches every rule of
 * that bus at once and writes each match, transformed, to its targets' delivery topics; and {@code
 * MatchesPattern}, the matcher as a plain predicate for Kafka's {@code Filter} in any cluster.
 */
package dev.railyard.rules.connect;
