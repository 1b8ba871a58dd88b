/**
 * The router: a Kafka Connect sink connector that reads one bus, matches every rule of that bus at
 * once, transforms each match for each target and writes it to the target's delivery topic.
 */
package dev.railyard.rules.connect;
