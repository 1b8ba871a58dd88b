/**
 * The delivery guard: a sink connector that runs any hosted sink connector of a rule target and
 * gives it the target's retry policy (attempts, age, exponential backoff with jitter) and
 * dead-letter topic, per record.
 */
package dev.railyard.rules.delivery;
