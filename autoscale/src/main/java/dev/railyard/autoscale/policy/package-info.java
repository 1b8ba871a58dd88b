/**
 * The scaling policy: a pure function from a snapshot of the cluster (lag, rates, tasks, workers)
 * and what it decided before to a decision with a reason a person can read. No clients, no clocks.
 */
package dev.railyard.autoscale.policy;
