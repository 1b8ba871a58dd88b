/**
 * A single-node KRaft Kafka broker that runs inside the calling JVM, started from Kafka's own
 * server classes, with its storage formatted once under a data directory and reused after.
 */
package dev.railyard.embedded.broker;
