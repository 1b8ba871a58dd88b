package dev.railyard.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the secrets that must be read back (the secret keys of AWS key pairs, which SigV4 needs to
 * recompute a signature) encrypted at rest: AES-256-GCM under a key of its own, kept in a file
 * beside the token file that only its owner may read and made on first use. The sealed form is
 * base64 of a random 12-byte nonce followed by the ciphertext and tag; the access key id is bound
 * as associated data, so a sealed secret copied to another key pair does not open.
 *
 * <p>Thread-safe.
 */
final class SecretSeal {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Path keyFile;
  private final SecureRandom random;
  private volatile SecretKeySpec key;

  SecretSeal(Path keyFile, SecureRandom random) {
    this.keyFile = keyFile;
    this.random = random;
  }

  /** Where the key is kept. */
  Path keyFile() {
    return keyFile;
  }

  /** The sealed form of {@code secret}, bound to {@code boundTo}. */
  String seal(String secret, String boundTo) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot seal with AES-GCM", e);
    }
  }

  /**
   * The secret {@link #seal} sealed.
   *
   * @throws IllegalStateException when it does not open with this key (the key file was replaced,
   *     or the token file edited); the message names the key file, never the secret
   */
  String open(String sealed, String boundTo) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the secret key of '"
              + boundTo
              + "' does not open with the key in "
              + keyFile
              + ": the file was replaced or the token file edited; issue a new key pair",
          e);
    }
  }

  private SecretKeySpec key(boolean create) {
    SecretKeySpec known = key;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (key == null) {
        key = new SecretKeySpec(read(create), "AES");
      }
      return key;
    }
  }

  private byte[] read(boolean create) {
    try {
      if (Files.exists(keyFile)) {
        byte[] bytes = Base64.getDecoder().decode(Files.readString(keyFile).trim());
        if (bytes.length != 32) {
          throw new IllegalStateException(keyFile + " does not hold a 256-bit key");
        }
        return bytes;
      }
      if (!create) {
        throw new IllegalStateException(
            "the key file " + keyFile + " is missing; the sealed secrets cannot be opened");
      }
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      PrivateFiles.write(
          keyFile,
          (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.UTF_8));
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the key file " + keyFile, e);
    }
  }
}
