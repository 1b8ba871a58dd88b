package dev.railyard.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

  @TempDir Path dir;

  @Test
  void shouldKeepOnlyHashesAndFindTokensAgainAfterAReopen() throws IOException {
    Path file = dir.resolve("tokens.json");
    TokenStore store = TokenStore.open(file);
    TokenStore.Issued issued = store.create("ci", Role.PUBLISHER, Set.of("orders"));

    TokenStore reopened = TokenStore.open(file);

    assertThat(Files.readString(file))
        .doesNotContain(issued.secret())
        .contains(issued.token().sha256());
    assertThat(reopened.authenticate(issued.secret())).contains(issued.token());
    assertThat(reopened.authenticate(issued.secret() + "x")).isEmpty();
    assertThat(reopened.authenticate("not-a-token")).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldRevokeByIdOrName() {
    TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
    TokenStore.Issued a = store.create("a", Role.VIEWER, Set.of());
    TokenStore.Issued b = store.create("b", Role.VIEWER, Set.of());

    store.revoke("a");
    store.revoke(b.token().id());

    assertThat(store.authenticate(a.secret())).isEmpty();
    assertThat(store.authenticate(b.secret())).isEmpty();
    assertThat(TokenStore.open(dir.resolve("tokens.json")).list()).isEmpty();
  }

  @Test
  void shouldRefuseMalformedNamesAndBusesAndStoreNothing() {
    TokenStore store = TokenStore.open(dir.resolve("tokens.json"));

    assertThatThrownBy(() -> store.create("has space", Role.VIEWER, Set.of()))
        .hasMessageStartingWith("name: ");
    assertThatThrownBy(() -> store.create("ok", Role.VIEWER, Set.of("bad bus")))
        .hasMessageStartingWith("buses: ");
    assertThat(store.list()).isEmpty();
    assertThat(dir.resolve("tokens.json")).doesNotExist();
  }

  @Test
  void shouldWriteTheFirstAdminTokenOnceToAnOwnerOnlyFile() throws IOException {
    TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
    Path secret = dir.resolve("admin.token");

    assertThat(store.createFirstAdmin(secret)).isTrue();
    assertThat(store.createFirstAdmin(secret)).isFalse();

    String token = Files.readString(secret).trim();
    assertThat(store.authenticate(token))
        .hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.ADMIN));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldNameTheFileWhenItIsNotATokenFile() throws IOException {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "{\"tokens\": [{\"id\": 1}]}");

    assertThatThrownBy(() -> TokenStore.open(file)).hasMessageContaining(file.toString());
  }

  @Test
  void shouldLimitABusScopedToken() {
    TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
    Token token = store.create("orders-only", Role.EDITOR, Set.of("orders")).token();

    assertThat(token.allowsBus("orders")).isTrue();
    assertThat(token.allowsBus("payments")).isFalse();
    assertThat(store.create("all", Role.EDITOR, Set.of()).token().allowsBus("payments")).isTrue();
  }
}
