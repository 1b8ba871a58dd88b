/**
 * A source connector that tails log files through rotation (rename, copytruncate, gzip) onto a bus
 * as CloudEvents, with offsets that always point at a line end, so that no line is lost or
 * repeated.
 */
package dev.railyard.sources.log;
