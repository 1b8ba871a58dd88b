/**
 * Checks of what the repository ships beside the code: the Kubernetes manifests and the image under
 * {@code deploy/}, read the way the cluster would read them.
 */
package dev.railyard.host.deploy;
