package dev.railyard.sources.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The first bytes of one generation of a log file (up to {@code log.fingerprint.bytes}): what
 * identifies it across renames, truncation and restarts. A fingerprint of its first {@code n} bytes
 * is a SHA-256 in hex. Not thread-safe.
 */
final class Head {

  private final int capacity;
  private byte[] bytes = new byte[0];

  Head(int capacity) {
    this.capacity = capacity;
  }

  Head(int capacity, byte[] known) {
    this(capacity);
    this.bytes = Arrays.copyOf(known, Math.min(capacity, known.length));
  }

  /** Adds the bytes read at {@code position}, as far as they are within the head. */
  void saw(long position, byte[] data, int from, int length) {
    if (position != bytes.length || bytes.length >= capacity) {
      return;
    }
    int take = Math.min(length, capacity - bytes.length);
    byte[] grown = Arrays.copyOf(bytes, bytes.length + take);
    System.arraycopy(data, from, grown, bytes.length, take);
    bytes = grown;
  }

  int length() {
    return bytes.length;
  }

  boolean full() {
    return bytes.length >= capacity;
  }

  byte[] bytes() {
    return bytes;
  }

  /** The fingerprint of the first {@code min(n, length())} bytes. */
  String fingerprint(long n) {
    return hash(bytes, (int) Math.min(n, bytes.length));
  }

  /** Whether {@code other} starts with the known head (of which it may hold less). */
  boolean sameStart(byte[] other) {
    int n = Math.min(other.length, bytes.length);
    return Arrays.equals(bytes, 0, n, other, 0, n);
  }

  static String hash(byte[] data, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(data, 0, length);
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.UTF_8);
  }
}
