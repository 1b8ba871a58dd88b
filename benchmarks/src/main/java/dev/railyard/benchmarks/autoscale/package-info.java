/**
 * A deterministic simulator of a Kafka Connect cluster under load traces, driven by Railyard's
 * scaling policy, KEDA with the HPA, and an MSK Connect-style CPU policy, for docs/benchmarks.md.
 */
package dev.railyard.benchmarks.autoscale;
