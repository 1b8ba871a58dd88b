/**
 * Railyard's syslog source connector: receives syslog messages over UDP, TCP and TLS, parses them
 * (RFC 5424 strictly, RFC 3164 leniently) and writes each onto a bus as a CloudEvent.
 */
package dev.railyard.sources.syslog;
