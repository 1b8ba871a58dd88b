package dev.railyard.api;

import dev.railyard.api.security.AllowedHosts;
import dev.railyard.api.security.AuditTrail;
import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Role;
import dev.railyard.api.security.Sessions;
import dev.railyard.api.security.TokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A token store in a temporary folder holding one token of each role, for API tests. */
final class TestSecurity {

  private final Path dir;
  private final ApiSecurity security;
  private final Map<Role, String> secrets = new EnumMap<>(Role.class);

  final List<AuditTrail.Entry> audited = new CopyOnWriteArrayList<>();

  TestSecurity() {
    this(RateLimits.NONE);
  }

  TestSecurity(RateLimits limits) {
    try {
      dir = Files.createTempDirectory("railyard-tokens");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
    for (Role role : Role.values()) {
      secrets.put(role, tokens.create("test-" + role.id(), role, Set.of()).secret());
    }
    AuditTrail audit =
        new AuditTrail() {
          @Override
          public void record(Entry entry) {
            audited.add(entry);
          }

          @Override
          public List<Entry> recent(int limit) {
            return audited.subList(Math.max(0, audited.size() - limit), audited.size());
          }
        };
    security =
        new ApiSecurity(
            tokens, new Sessions(), new AllowedHosts(List.of("localhost")), limits, audit);
  }

  ApiSecurity security() {
    return security;
  }

  /** The secret of the test token of {@code role}. */
  String secret(Role role) {
    return secrets.get(role);
  }

  /** A further token limited to {@code buses}. */
  String limitedTo(Role role, String name, Set<String> buses) {
    return security.tokens().create(name, role, buses).secret();
  }

  void delete() {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
