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

/** AWS key pairs in the token store: the secret key sealed at rest, opened for SigV4 only. */
class KeyPairStoreTest {

  @TempDir Path dir;

  @Test
  void shouldKeepTheSecretKeySealedAndOpenItAgainAfterAReopen() throws IOException {
    Path file = dir.resolve("tokens.json");
    TokenStore.Issued issued =
        TokenStore.open(file).createKeyPair("sdk", Role.EDITOR, Set.of("orders"));

    TokenStore reopened = TokenStore.open(file);

    String keyId = issued.token().accessKeyId();
    assertThat(keyId).matches("RYAK[A-Z2-7]{16}");
    assertThat(issued.secret()).hasSize(40);
    assertThat(Files.readString(file)).contains(keyId).doesNotContain(issued.secret());
    assertThat(reopened.keyPair(keyId))
        .hasValueSatisfying(
            pair -> {
              assertThat(pair.secretKey()).isEqualTo(issued.secret());
              assertThat(pair.token()).isEqualTo(issued.token());
              assertThat(pair.toString()).doesNotContain(issued.secret());
            });
    assertThat(reopened.keyPair("RYAKNOSUCHKEY0000000")).isEmpty();
    Path key = dir.resolve("tokens.json.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void shouldNotTakeASecretKeyAsABearerToken() {
    TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
    TokenStore.Issued pair = store.createKeyPair("sdk", Role.ADMIN, Set.of());

    assertThat(store.authenticate(pair.secret())).isEmpty();
    assertThat(store.authenticate(TokenStore.PREFIX + pair.secret())).isEmpty();
  }

  @Test
  void shouldForgetARevokedKeyPair() {
    Path file = dir.resolve("tokens.json");
    TokenStore store = TokenStore.open(file);
    TokenStore.Issued pair = store.createKeyPair("sdk", Role.VIEWER, Set.of());

    store.revoke("sdk");

    assertThat(store.keyPair(pair.token().accessKeyId())).isEmpty();
    assertThat(TokenStore.open(file).keyPair(pair.token().accessKeyId())).isEmpty();
  }

  @Test
  void shouldFailLoudlyWithoutRevealingTheSecretWhenTheKeyFileWasReplaced() throws IOException {
    Path file = dir.resolve("tokens.json");
    TokenStore.Issued pair = TokenStore.open(file).createKeyPair("sdk", Role.VIEWER, Set.of());
    Files.writeString(
        dir.resolve("tokens.json.key"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");

    TokenStore reopened = TokenStore.open(file);

    assertThatThrownBy(() -> reopened.keyPair(pair.token().accessKeyId()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokens.json.key")
        .message()
        .doesNotContain(pair.secret());
  }
}
