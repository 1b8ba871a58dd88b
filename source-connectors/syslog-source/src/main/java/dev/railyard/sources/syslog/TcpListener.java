package dev.railyard.sources.syslog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts syslog connections over TCP (RFC 6587) or TLS (RFC 5425) on one port, each read in a
 * thread of its own, at most {@code syslog.tcp.max.connections} at once. A full inbox stops the
 * readers, so senders see the TCP window close rather than messages go missing.
 */
final class TcpListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);

  private final ServerSocket server;
  private final Inbox inbox;
  private final SyslogSourceConfig config;
  private final String transport;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  /**
   * Binds at once, so a port in use fails the task's start; accepts from {@link #start()}.
   *
   * @param tls the server socket factory for TLS, null for plain TCP
   */
  TcpListener(
      InetSocketAddress address, Inbox inbox, SyslogSourceConfig config, SSLServerSocketFactory tls)
      throws IOException {
    this.server = tls == null ? new ServerSocket() : tls.createServerSocket();
    server.setReuseAddress(true);
    server.bind(address, 128);
    this.inbox = inbox;
    this.config = config;
    this.transport = tls == null ? "tcp" : "tls";
    this.acceptor = new Thread(this::accept, "syslog-" + transport + "-" + address.getPort());
    acceptor.setDaemon(true);
  }

  void start() {
    acceptor.start();
  }

  private void accept() {
    while (inbox.isOpen() && !server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("Syslog {} listener cannot accept: {}", transport, e.toString());
        }
        continue;
      }
      if (inbox.metrics().openConnections.incrementAndGet() > config.maxConnections()) {
        inbox.metrics().openConnections.decrementAndGet();
        inbox.metrics().refusedConnections.incrementAndGet();
        closeQuietly(socket);
        continue;
      }
      connections.add(socket);
      Thread reader = new Thread(() -> read(socket), "syslog-" + transport + "-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  private void read(Socket socket) {
    InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
    try {
      socket.setSoTimeout(config.idleTimeoutMs());
      FrameReader frames =
          new FrameReader(
              new BufferedInputStream(socket.getInputStream()),
              config.maxMessageBytes(),
              config.tcpFraming());
      for (FrameReader.Frame frame = frames.next(); frame != null; frame = frames.next()) {
        if (!take(frame, peer)) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("Syslog connection from {} idle for too long: closed", peer);
    } catch (IOException e) {
      LOG.debug("Syslog connection from {} ended: {}", peer, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connections.remove(socket);
      inbox.metrics().openConnections.decrementAndGet();
      closeQuietly(socket);
    }
  }

  /** False when the inbox is closed and reading should stop. */
  private boolean take(FrameReader.Frame frame, InetSocketAddress peer)
      throws InterruptedException {
    SyslogMetrics metrics = inbox.metrics();
    metrics.received.incrementAndGet();
    if (frame.oversized()) {
      metrics.oversized.incrementAndGet();
      if (config.dropOversized()) {
        return true;
      }
    }
    return inbox.put(
        new Received(frame.bytes(), peer, transport, Instant.now(), frame.oversized()));
  }

  @Override
  public void close() throws InterruptedException {
    closeQuietly(server);
    connections.forEach(TcpListener::closeQuietly);
    acceptor.join(5_000);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing what is going away anyway
    }
  }
}
