/**
 * Routing rules on the control plane: rule files checked whole, written to the rules topic, and the
 * router and target connectors they need kept in line with them.
 */
package dev.railyard.host.rules;
