/**
 * Scaling with lag: what the autoscaler reads ({@code lag}) and what it acts through ({@code
 * actuate}, with Kubernetes replica counts in {@code kubernetes}). Nothing here knows rules,
 * Connect's runtime, the host or the API.
 */
package dev.railyard.autoscale;
