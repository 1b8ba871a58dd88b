/**
 * The {@code railyard} control plane: starts the broker (or connects to one), the worker pool and
 * the API in stages, and stops them in reverse order.
 */
package dev.railyard.host;
