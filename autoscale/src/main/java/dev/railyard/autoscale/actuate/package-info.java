/** What the autoscaler acts through: the worker count behind one interface, whatever runs them. */
package dev.railyard.autoscale.actuate;
