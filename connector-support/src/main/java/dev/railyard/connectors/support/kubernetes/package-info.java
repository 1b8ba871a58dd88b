/**
 * The connection Railyard's Kubernetes connectors share: its config keys and the fabric8 client
 * they make. fabric8 is the connectors' own dependency, not this jar's.
 */
package dev.railyard.connectors.support.kubernetes;
