/**
 * PutEvents: entries checked one by one, wrapped into CloudEvents and written to their bus topics.
 */
package dev.railyard.host.events;
