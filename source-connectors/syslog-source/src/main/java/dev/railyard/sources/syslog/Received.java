package dev.railyard.sources.syslog;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One message as a listener read it off the wire, before it is parsed.
 *
 * @param bytes the message, at most {@code syslog.max.message.bytes}
 * @param sender the peer it came from
 * @param transport udp, tcp or tls
 * @param truncated whether it was longer and cut to the limit
 */
record Received(
    byte[] bytes, InetSocketAddress sender, String transport, Instant at, boolean truncated) {}
