package dev.railyard.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog;
import dev.railyard.api.platform.PluginCatalog.ArchiveDigests;
import dev.railyard.api.platform.PluginCatalog.Refused;
import dev.railyard.host.plugins.PluginException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload pinned to a SHA-256 or SHA-512 is installed only when it has that digest. */
class PinnedUploadTest {

  static final byte[] JAR = TestPlugins.sinkJar("1.0.0", false);

  @TempDir Path dataDir;

  PluginStore store;

  @BeforeEach
  void openStore() throws IOException {
    store = PluginStore.open(dataDir.resolve("plugins"));
  }

  @Test
  void shouldInstallAnUploadThatHasThePinnedDigests() throws Exception {
    InstallOptions pinned = new InstallOptions(digest("SHA-256"), digest("SHA-512"), null);

    Plugin plugin = install(JAR, pinned).plugin();

    assertThat(plugin.sha256()).isEqualTo(digest("SHA-256"));
    assertThat(store.list()).containsExactly(plugin);
  }

  @Test
  void shouldRefuseAnUploadWithAnotherDigestAndChangeNothing() throws Exception {
    // given a store holding this very archive already
    install(JAR, InstallOptions.NONE);
    install(TestPlugins.transformJar("0.9"), InstallOptions.NONE);
    Map<String, String> before = StoreSnapshot.of(dataDir);
    String other = "0".repeat(64);

    // when the archive, and another one, are uploaded pinned to a digest they do not have
    PluginException same = refusal(JAR, new InstallOptions(other, null, null));
    PluginException sha512 =
        refusal(
            TestPlugins.sinkJar("2.0.0", false), new InstallOptions(null, "ab".repeat(64), null));

    // then both are refused, naming both digests, and the store is as it was
    assertThat(same.code()).isEqualTo(Code.DIGEST_MISMATCH);
    assertThat(same.getMessage()).contains(digest("SHA-256"), other, "'sha256'");
    assertThat(sha512.code()).isEqualTo(Code.DIGEST_MISMATCH);
    assertThat(sha512.getMessage()).contains("SHA-512", "ab".repeat(64));
    assertThat(StoreSnapshot.of(dataDir)).isEqualTo(before);
  }

  @Test
  void shouldRefuseADigestThatIsNoHexOfItsLength() {
    PluginException e =
        catchThrowableOfType(
            PluginException.class, () -> new InstallOptions(null, digest("SHA-256"), null));

    assertThat(e.code()).isEqualTo(Code.INVALID_DIGEST);
    assertThat(e.getMessage()).contains("sha512", "128 hex digits");
  }

  @Test
  void shouldAnswerAMismatchThroughTheCatalogAsInvalid() throws Exception {
    PluginCatalog catalog = new PluginStoreCatalog(store, () -> c -> false);
    Path upload = Files.write(dataDir.resolve("upload.tmp"), JAR);

    Refused refused =
        catchThrowableOfType(
            Refused.class,
            () ->
                catalog.install(
                    upload, "demo.jar", "demo", 1 << 20, new ArchiveDigests("f".repeat(64), null)));
    Refused malformed =
        catchThrowableOfType(
            Refused.class,
            () ->
                catalog.install(upload, "demo.jar", "demo", 1 << 20, new ArchiveDigests("", null)));

    assertThat(refused.kind()).isEqualTo(Kind.INVALID);
    assertThat(refused.code()).isEqualTo("DIGEST_MISMATCH");
    assertThat(malformed.code()).isEqualTo("INVALID_DIGEST");
    assertThat(store.list()).isEmpty();
    assertThat(
            catalog
                .install(
                    upload,
                    "demo.jar",
                    "demo",
                    1 << 20,
                    new ArchiveDigests(digest("SHA-256"), null))
                .plugin()
                .version())
        .isEqualTo("1.0.0");
  }

  InstallResult install(byte[] archive, InstallOptions options) throws IOException {
    return store.install(
        "demo", new ByteArrayInputStream(archive), ArchiveType.JAR, PluginStoreTest.LIMIT, options);
  }

  PluginException refusal(byte[] archive, InstallOptions options) {
    return catchThrowableOfType(PluginException.class, () -> install(archive, options));
  }

  static String digest(String algorithm) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(JAR));
  }
}
