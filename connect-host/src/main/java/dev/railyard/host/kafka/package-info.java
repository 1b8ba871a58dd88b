/**
 * Where every Kafka client of the control plane comes from: one factory that holds the deployment's
 * client settings, so a secured cluster is one setting away for all of them.
 */
package dev.railyard.host.kafka;
