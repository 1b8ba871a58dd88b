/**
 * Railyard's Kubernetes source connector: objects of any kind, by namespace and label selector, as
 * CloudEvents of Knative's ApiServerSource types, resumed after a restart or a 410 Gone by listing
 * and diffing against what its offsets say it has seen.
 */
package dev.railyard.sources.kubernetes;
