/**
 * Railyard's log file sink connector: writes each record of its topics as one JSON line into
 * rolling, compressed files, each record exactly once, even across a worker killed mid-write.
 */
package dev.railyard.sinks.log;
