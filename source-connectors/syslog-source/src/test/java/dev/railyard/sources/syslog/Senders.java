package dev.railyard.sources.syslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain Java senders, for what logger will not send: broken, oversized and framed by hand. */
final class Senders {

  private Senders() {}

  static void udp(int port, String message) throws IOException {
    udp(port, message.getBytes(StandardCharsets.UTF_8));
  }

  static void udp(int port, byte[] message) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(
          new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
    }
  }

  /** Writes the bytes on one TCP connection and closes it. */
  static void tcp(int port, String bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      write(socket.getOutputStream(), bytes);
    }
  }

  static void write(OutputStream out, String bytes) throws IOException {
    out.write(bytes.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** {@code message} framed by octet-counting: its length in bytes, a space, the message. */
  static String counted(String message) {
    return message.getBytes(StandardCharsets.UTF_8).length + " " + message;
  }
}
