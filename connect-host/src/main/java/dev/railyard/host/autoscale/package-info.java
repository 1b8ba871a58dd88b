/**
 * The autoscaler wired into the platform: Connect's status as the collector reads it, tasks changed
 * through the connector service, worker CPU from the child processes, the API and the metrics.
 */
package dev.railyard.host.autoscale;
