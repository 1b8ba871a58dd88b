/**
 * Delivery figures only the Connect tasks know (events matched per rule, transform errors and
 * failed delivery attempts per target): counted in the task, published to the compacted {@code
 * railyard.stats} topic, and read back and summed by the platform.
 */
package dev.railyard.rules.stats;
