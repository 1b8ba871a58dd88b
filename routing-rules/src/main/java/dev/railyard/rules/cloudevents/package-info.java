/**
 * CloudEvents 1.0 as Railyard carries them on a bus: turning PutEvents entries into structured-mode
 * JSON events, with every problem named by field.
 */
package dev.railyard.rules.cloudevents;
