package dev.railyard.rules.pattern;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 and IPv6 addresses as event-ruler recognises them: dotted quads of decimal parts up to 255
 * (leading zeros allowed) and the hex-and-colon forms Java accepts as IPv6 literals. Never resolves
 * host names.
 */
final class IpAddress {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static final byte[] LOW_MASK = {
    (byte) 0xff,
    (byte) 0xfe,
    (byte) 0xfc,
    (byte) 0xf8,
    (byte) 0xf0,
    (byte) 0xe0,
    (byte) 0xc0,
    (byte) 0x80,
    0x00
  };
  private static final byte[] HIGH_MASK = {
    0x0, 0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff
  };

  private IpAddress() {}

  /** The 4 or 16 address bytes, or null when {@code s} is no IP address. */
  static byte[] parse(String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      return isIpv6Shape(s) ? parseIpv6(s) : null;
    }
    return parseIpv4(s);
  }

  private static byte[] parseIpv4(String s) {
    byte[] address = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (digits == 0 || part == 3) {
          return null;
        }
        address[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    if (digits == 0 || part != 3) {
      return null;
    }
    address[3] = (byte) value;
    return address;
  }

  private static boolean isIpv6Shape(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':') {
        return false;
      }
    }
    return true;
  }

  private static byte[] parseIpv6(String s) {
    try {
      // only hex digits and colons reach here, which Java parses as a literal without any lookup
      byte[] address = InetAddress.getByName(s).getAddress();
      return address.length == 4 || address.length == 16 ? address : null;
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The {@code cidr} test for {@code "10.0.0.0/8"}; throws IllegalArgumentException with the reason
   * if invalid.
   */
  static TextTests.Cidr cidr(String cidr) {
    String[] slashed = cidr.split("/");
    if (slashed.length != 2) {
      throw new IllegalArgumentException("malformed CIDR, one '/' required");
    }
    int maskBits;
    try {
      maskBits = Integer.parseInt(slashed[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed CIDR, mask bits must be an integer");
    }
    if (maskBits < 0) {
      throw new IllegalArgumentException("malformed CIDR, mask bits must not be negative");
    }
    byte[] ip = parse(slashed[0]);
    if (ip == null) {
      throw new IllegalArgumentException("invalid IP address: " + slashed[0]);
    }
    int bits = ip.length * 8;
    if (maskBits >= bits) {
      throw new IllegalArgumentException(
          (ip.length == 4 ? "IPv4" : "IPv6") + " mask bits must be < " + bits);
    }
    return new TextTests.Cidr(
        hex(masked(ip, bits - maskBits, LOW_MASK, true)),
        false,
        hex(masked(ip, bits - maskBits, HIGH_MASK, false)),
        false,
        false);
  }

  /**
   * The test a plain string pattern value becomes when it is an IP address: that one address,
   * written as the half-open range event-ruler builds for it.
   */
  static TextTests.Cidr single(byte[] ip) {
    String digits = hex(ip);
    int last = digits.length() - 1;
    char c = digits.charAt(last);
    if (c == 'F') {
      return new TextTests.Cidr(digits.substring(0, last) + 'E', true, digits, false, false);
    }
    char next = c == '9' ? 'A' : (char) (c + 1);
    return new TextTests.Cidr(digits, false, digits.substring(0, last) + next, true, false);
  }

  /** Upper-case hex digits, two per byte. */
  static String hex(byte[] address) {
    char[] out = new char[address.length * 2];
    for (int i = 0; i < address.length; i++) {
      out[2 * i] = HEX[(address[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[address[i] & 0xf];
    }
    return new String(out);
  }

  private static byte[] masked(byte[] ip, int variableBits, byte[] masks, boolean low) {
    byte[] out = new byte[ip.length];
    for (int i = ip.length - 1; i >= 0; i--) {
      if (variableBits > 0) {
        byte m = masks[Math.min(8, variableBits)];
        out[i] = (byte) (low ? ip[i] & m : ip[i] | m);
      } else {
        out[i] = ip[i];
      }
      variableBits -= 8;
    }
    return out;
  }
}
