/**
 * Applies a rule's input transform to a matched event: compiles a {@link
 * dev.railyard.rules.model.Transform} once into a {@link dev.railyard.rules.transform.Transformer},
 * which then renders the bytes each target receives.
 */
package dev.railyard.rules.transform;
