/**
 * The rules topic: one compacted record per rule (key: the rule's name, value: the rule as a JSON
 * rule document, tombstone: deleted), written by the control plane and followed by every router.
 */
package dev.railyard.rules.store;
