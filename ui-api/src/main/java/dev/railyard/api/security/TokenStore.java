package dev.railyard.api.security;

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
 * <p>Thread-safe.
 */
public final class TokenStore {

  /** How a token's name must look. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  static final String PREFIX = "ry_";
  private static final Pattern BUS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path file;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Token> byHash = new LinkedHashMap<>();
  // what every request reads, without the lock: replaced whole on each change
  private volatile Map<String, Token> readable = Map.of();

  private TokenStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** A newly made token: the secret, shown once, and what is stored of it. */
  public record Issued(String secret, Token token) {}

  /** The file's shape. */
  private record Stored(List<Entry> tokens) {}

  /** One token in the file. */
  private record Entry(
      String id, String name, String role, List<String> buses, String createdAt, String sha256) {

    static Entry of(Token t) {
      return new Entry(
          t.id(),
          t.name(),
          t.role().id(),
          List.copyOf(t.buses()),
          t.createdAt().toString(),
          t.sha256());
    }

    Token token() {
      return new Token(
          id, name, Role.parse(role), Set.copyOf(buses), Instant.parse(createdAt), sha256);
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
          store.readable = Map.copyOf(store.byHash);
        }
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
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byte[] idBytes = new byte[6];
    random.nextBytes(idBytes);
    Token token =
        new Token(
            HexFormat.of().formatHex(idBytes),
            name,
            role,
            scope,
            Instant.now(clock),
            sha256(secret));
    Map<String, Token> next = new LinkedHashMap<>(byHash);
    next.put(token.sha256(), token);
    write(next);
    byHash.put(token.sha256(), token);
    readable = Map.copyOf(byHash);
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
          write(next);
          byHash.remove(token.sha256());
          readable = Map.copyOf(byHash);
        });
    return found;
  }

  /** The stored token {@code secret} is, if it is one. */
  public Optional<Token> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return Optional.ofNullable(readable.get(sha256(secret)));
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

  private void write(Map<String, Token> tokens) {
    try {
      byte[] bytes =
          JSON.writeValueAsBytes(new Stored(tokens.values().stream().map(Entry::of).toList()));
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
