/**
 * Installs Connect plugins from Maven coordinates: Maven Resolver fetches the artifact and its
 * runtime dependencies (without what every worker already has), and the plugin store installs them.
 */
package dev.railyard.host.plugins.maven;
