/**
 * Collection: every interval, Connect's status of all connectors in one request and their offsets
 * in three Admin requests, turned into a {@link dev.railyard.autoscale.policy.ClusterSnapshot} with
 * rates and lag in seconds from what earlier intervals saw.
 */
package dev.railyard.autoscale.collect;
