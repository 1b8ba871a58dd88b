/**
 * The control plane's HTTP server: REST API, Kafka Connect REST pass-through, Prometheus metrics
 * and the status page. {@link dev.railyard.api.ApiServer} is the only entry point; routes live in
 * small package-private classes, one per area.
 */
package dev.railyard.api;
