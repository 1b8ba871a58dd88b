package dev.railyard.api.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The API's tokens, kept in one JSON file that holds only their SHA-256 hashes and is replaced
 * atomically (owner read/write only) on every change, so tokens survive restarts and a crash
 * half-way through a write leaves the previous file. A token is {@code ry_} and 43 characters of
 * URL-safe base64 (256 random bits), so a fast hash suffices: there is no password to guess.
 *
 * <p>An AWS key pair ({@link #createKeyPair}) is kept in the same file: its access key id, and its
 * secret key sealed by a {@link SecretSeal} whose key is in {@code <file>.key}, because SigV4 needs
 * the secret itself to recompute a signature. Neither file alone yields the secret.
 *
 * <p>Thread-safe.
 */
public final class TokenStore {

  /** How a token's name must look. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  static final String PREFIX = "ry_";
  static final String KEY_ID_PREFIX = "RYAK";
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final Pattern BUS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final SecretSeal seal;
  private final Map<String, Token> byHash = new LinkedHashMap<>();
  // the sealed secret keys of the key pairs, by access key id
  private final Map<String, String> sealed = new LinkedHashMap<>();
  // what every request reads, without the lock: replaced whole on each change
  private volatile Map<String, Token> readable = Map.of();
  private volatile Map<String, String> readableSealed = Map.of();

  private TokenStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.seal = new SecretSeal(file.resolveSibling(file.getFileName() + ".key"), random);
  }

  /** A newly made token: the secret, shown once, and what is stored of it. */
  public record Issued(String secret, Token token) {}

  /**
   * An AWS key pair as SigV4 verification needs it. Never answered or logged.
   *
   * @param token the stored token
   * @param secretKey the secret access key
   */
  public record KeyPair(Token token, String secretKey) {

    @Override
    public String toString() {
      return "KeyPair[" + token.accessKeyId() + "]";
    }
  }

  /** The file's shape. */
  private record Stored(List<Entry> tokens) {}

  /** One token in the file; the last two are set for a key pair only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private record Entry(
      String id,
      String name,
      String role,
      List<String> buses,
      String createdAt,
      String sha256,
      String accessKeyId,
      String sealedSecretKey) {

    static Entry of(Token t, String sealed) {
      return new Entry(
          t.id(),
          t.name(),
          t.role().id(),
          List.copyOf(t.buses()),
          t.createdAt().toString(),
          t.sha256(),
          t.accessKeyId(),
          sealed);
    }

    Token token() {
      return new Token(
          id,
          name,
          Role.parse(role),
          Set.copyOf(buses),
          Instant.parse(createdAt),
          sha256,
          accessKeyId);
    }
  }

  /**
   * Opens the store kept in {@code file}, empty when the file does not exist yet.
   *
   * @throws UncheckedIOException naming the file when it cannot be read or is not a token file
   */
  public static TokenStore open(Path file) {
    return open(file, Clock.systemUTC());
  }

  static TokenStore open(Path file, Clock clock) {
    TokenStore store = new TokenStore(file.toAbsolutePath(), clock);
    if (Files.exists(file)) {
      try {
        Stored stored = JSON.readValue(file.toFile(), new TypeReference<Stored>() {});
        for (Entry entry : stored.tokens() == null ? List.<Entry>of() : stored.tokens()) {
          Token token = entry.token();
          store.byHash.put(token.sha256(), token);
          if (token.awsKeyPair()) {
            store.sealed.put(token.accessKeyId(), entry.sealedSecretKey());
          }
        }
        store.publish();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the token file " + file + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "the token file " + file + " is not a token file: " + e.getMessage(), e);
      }
    }
    return store;
  }

  /** Where the tokens are kept. */
  public Path file() {
    return file;
  }

  /**
   * Makes a token and stores its hash.
   *
   * @param buses the buses it is limited to, or empty for all
   * @throws IllegalArgumentException naming the field, when the name is malformed or taken or a bus
   *     name is malformed; nothing is stored then
   */
  public synchronized Issued create(String name, Role role, Set<String> buses) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return store(name, role, buses, secret, null);
  }

  /**
   * Makes an AWS key pair for SigV4: an access key id of {@value #KEY_ID_PREFIX} and 16 base32
   * characters, and a secret key of 40 base64 characters (240 random bits), kept sealed.
   *
   * @throws IllegalArgumentException as {@link #create} does
   */
  public synchronized Issued createKeyPair(String name, Role role, Set<String> buses) {
    byte[] bytes = new byte[30];
    random.nextBytes(bytes);
    String secret = Base64.getEncoder().encodeToString(bytes);
    StringBuilder keyId = new StringBuilder(KEY_ID_PREFIX);
    for (int i = 0; i < 16; i++) {
      keyId.append(BASE32[random.nextInt(BASE32.length)]);
    }
    return store(name, role, buses, secret, keyId.toString());
  }

  private Issued store(
      String name, Role role, Set<String> buses, String secret, String accessKeyId) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: '" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (byHash.values().stream().anyMatch(t -> t.name().equals(name))) {
      throw new IllegalArgumentException("name: a token named '" + name + "' exists already");
    }
    Set<String> scope = new TreeSet<>(buses == null ? Set.of() : buses);
    for (String bus : scope) {
      if (bus == null || !BUS.matcher(bus).matches()) {
        throw new IllegalArgumentException(
            "buses: '" + bus + "' is not a bus name (letters, digits, '_' and '-')");
      }
    }
    byte[] idBytes = new byte[6];
    random.nextBytes(idBytes);
    Token token =
        new Token(
            HexFormat.of().formatHex(idBytes),
            name,
            role,
            scope,
            Instant.now(clock),
            sha256(secret),
            accessKeyId);
    Map<String, Token> next = new LinkedHashMap<>(byHash);
    next.put(token.sha256(), token);
    Map<String, String> nextSealed = new LinkedHashMap<>(sealed);
    if (accessKeyId != null) {
      nextSealed.put(accessKeyId, seal.seal(secret, accessKeyId));
    }
    write(next, nextSealed);
    byHash.put(token.sha256(), token);
    sealed.clear();
    sealed.putAll(nextSealed);
    publish();
    return new Issued(secret, token);
  }

  /** Every token, oldest first. */
  public synchronized List<Token> list() {
    return List.copyOf(byHash.values());
  }

  /** The token with this id or name. */
  public synchronized Optional<Token> find(String idOrName) {
    return byHash.values().stream()
        .filter(t -> t.id().equals(idOrName) || t.name().equals(idOrName))
        .findFirst();
  }

  /**
   * Revokes the token with this id or name: it stops working at once.
   *
   * @return the revoked token, or empty when there is none such
   */
  public synchronized Optional<Token> revoke(String idOrName) {
    Optional<Token> found = find(idOrName);
    found.ifPresent(
        token -> {
          Map<String, Token> next = new LinkedHashMap<>(byHash);
          next.remove(token.sha256());
          Map<String, String> nextSealed = new LinkedHashMap<>(sealed);
          if (token.awsKeyPair()) {
            nextSealed.remove(token.accessKeyId());
          }
          write(next, nextSealed);
          byHash.remove(token.sha256());
          sealed.clear();
          sealed.putAll(nextSealed);
          publish();
        });
    return found;
  }

  /** The stored token {@code secret} is, if it is one. */
  public Optional<Token> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Token token = readable.get(sha256(secret));
    return token == null || token.awsKeyPair() ? Optional.empty() : Optional.of(token);
  }

  /**
   * The key pair with this access key id, its secret key opened, if there is one.
   *
   * @throws IllegalStateException when its secret does not open (see {@link SecretSeal#open})
   */
  public Optional<KeyPair> keyPair(String accessKeyId) {
    String sealedKey = accessKeyId == null ? null : readableSealed.get(accessKeyId);
    if (sealedKey == null) {
      return Optional.empty();
    }
    Optional<Token> token =
        readable.values().stream().filter(t -> accessKeyId.equals(t.accessKeyId())).findFirst();
    return token.map(t -> new KeyPair(t, seal.open(sealedKey, accessKeyId)));
  }

  private void publish() {
    readable = Map.copyOf(byHash);
    readableSealed = Map.copyOf(sealed);
  }

  /** The token with this id, if it still exists (sessions re-check theirs on every request). */
  public Optional<Token> byId(String id) {
    return readable.values().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * On the first start (no token at all yet) makes an admin token named {@code admin} and writes it
   * to {@code secretFile}, readable by the owner only.
   *
   * @return whether a token was made
   */
  public synchronized boolean createFirstAdmin(Path secretFile) {
    if (!byHash.isEmpty()) {
      return false;
    }
    Issued issued = create("admin", Role.ADMIN, Set.of());
    try {
      PrivateFiles.write(secretFile, (issued.secret() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      revoke(issued.token().id());
      throw new UncheckedIOException(
          "cannot write the first admin token to " + secretFile + ": " + e.getMessage(), e);
    }
    return true;
  }

  private void write(Map<String, Token> tokens, Map<String, String> sealedKeys) {
    try {
      byte[] bytes =
          JSON.writeValueAsBytes(
              new Stored(
                  tokens.values().stream()
                      .map(
                          t -> Entry.of(t, t.awsKeyPair() ? sealedKeys.get(t.accessKeyId()) : null))
                      .toList()));
      PrivateFiles.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the token file " + file + ": " + e.getMessage(), e);
    }
  }

  static String sha256(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
