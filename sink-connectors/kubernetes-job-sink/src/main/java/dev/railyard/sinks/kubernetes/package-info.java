/**
 * Railyard's Kubernetes Job sink: a Job per event from a template filled with the event's values,
 * named after the event id so that a redelivery finds the Job it made, with a cap on active Jobs.
 */
package dev.railyard.sinks.kubernetes;
