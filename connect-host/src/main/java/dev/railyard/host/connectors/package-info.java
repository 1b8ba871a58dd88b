/**
 * Connector configs through Railyard's API: validated by the connector's own ConfigDef before they
 * are applied, secrets masked on the way out, failed tasks restarted with backoff.
 */
package dev.railyard.host.connectors;
