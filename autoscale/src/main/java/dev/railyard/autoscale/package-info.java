/**
 * Scaling with lag: what the autoscaler reads ({@code lag}) and what it acts through ({@code
 * actuate}). Nothing here knows rules, Connect's runtime, the host or the API.
 */
package dev.railyard.autoscale;
