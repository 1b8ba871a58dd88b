/**
 * The control loop: collect, decide, act, every interval, one step at a time, each decision kept in
 * a timeline with its reason and what came of it.
 */
package dev.railyard.autoscale.control;
