/**
 * Kafka Connect distributed workers as child JVMs: their settings, the launcher that starts and
 * stops them, and the main class that runs inside each child.
 */
package dev.railyard.embedded.worker;
