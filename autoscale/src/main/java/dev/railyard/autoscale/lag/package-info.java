/**
 * Lag read from Kafka's own bookkeeping: the end offsets of topics against the offsets their
 * consumer groups have committed, in batched Admin requests. Knows no Railyard names.
 */
package dev.railyard.autoscale.lag;
