/**
 * A harness for Railyard's HTTP sink: events/s of one task against a local endpoint that answers
 * every request after a fixed latency. Run by hand (see docs/benchmarks.md).
 */
package dev.railyard.benchmarks.http;
