/**
 * Where the Kafka clients of Railyard's plugins on the workers (router, delivery guard, stats,
 * rules follower) come from: one factory fed from the connector's config.
 */
package dev.railyard.rules.kafka;
