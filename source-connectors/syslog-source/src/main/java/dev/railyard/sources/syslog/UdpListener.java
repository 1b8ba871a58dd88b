package dev.railyard.sources.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Instant;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives syslog datagrams (RFC 5426) on one socket, in a thread of its own. */
final class UdpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramSocket socket;
  private final Inbox inbox;
  private final int maxBytes;
  private final boolean dropOversized;
  private final Thread thread;

  /** Binds at once, so a port in use fails the task's start; receives from {@link #start()}. */
  UdpListener(InetSocketAddress address, Inbox inbox, int maxBytes, boolean dropOversized)
      throws SocketException {
    this.socket = new DatagramSocket(address);
    this.inbox = inbox;
    this.maxBytes = maxBytes;
    this.dropOversized = dropOversized;
    this.thread = new Thread(this::receive, "syslog-udp-" + address.getPort());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void receive() {
    byte[] buffer = new byte[Math.min(maxBytes + 1, MAX_DATAGRAM)];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (inbox.isOpen()) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        if (inbox.isOpen()) {
          LOG.warn(
              "Syslog UDP listener on {} cannot receive: {}", socket.getLocalPort(), e.toString());
        }
        continue;
      }
      SyslogMetrics metrics = inbox.metrics();
      metrics.received.incrementAndGet();
      boolean oversized = packet.getLength() > maxBytes;
      if (oversized) {
        metrics.oversized.incrementAndGet();
        if (dropOversized) {
          continue;
        }
      }
      byte[] bytes = Arrays.copyOf(buffer, Math.min(packet.getLength(), maxBytes));
      inbox.offer(
          new Received(
              bytes,
              (InetSocketAddress) packet.getSocketAddress(),
              "udp",
              Instant.now(),
              oversized));
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }
}
