/**
 * The workers as a Kubernetes replica count: {@link KubernetesWorkerActuator} scales a Deployment,
 * a StatefulSet or a Strimzi KafkaConnect through the API server, named by a {@link
 * KubernetesTarget}.
 */
package dev.railyard.autoscale.kubernetes;
