/**
 * The pool of Connect worker processes on this machine: started, scaled, restarted when they die,
 * stopped gracefully.
 */
package dev.railyard.host.workers;
