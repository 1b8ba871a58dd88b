/** The health of the platform's components, as {@code GET /health} reports it. */
package dev.railyard.host.health;
