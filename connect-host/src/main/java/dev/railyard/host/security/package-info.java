/**
 * The control plane's side of API security: where tokens are kept, the first admin token, the host
 * names the API answers to.
 */
package dev.railyard.host.security;
