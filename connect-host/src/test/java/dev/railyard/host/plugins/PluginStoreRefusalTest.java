package dev.railyard.host.plugins;

import static dev.railyard.host.plugins.Archives.Entry.fifo;
import static dev.railyard.host.plugins.Archives.Entry.file;
import static dev.railyard.host.plugins.Archives.Entry.hardlink;
import static dev.railyard.host.plugins.Archives.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railyard.host.plugins.PluginException.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each refused upload says why, naming the entry, and leaves the store byte-for-byte as it was. */
class PluginStoreRefusalTest {

  static final long LIMIT = 512L << 20;

  @TempDir Path dataDir;

  PluginStore store;

  @BeforeEach
  void storeWithOnePlugin() throws IOException {
    store = PluginStore.open(dataDir.resolve("plugins"));
    store.install(
        "existing",
        new ByteArrayInputStream(TestPlugins.sinkJar("1.0.0", false)),
        ArchiveType.JAR,
        LIMIT);
  }

  static Stream<Arguments> refusedUploads() {
    byte[] plugin = TestPlugins.sinkJar("9.9.9", false);
    byte[] jar = TestPlugins.helperJar();
    return Stream.of(
        refused(
            "zip-slip in a ZIP",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("lib/demo.jar", plugin), file("../evil.jar", jar)),
            Code.ZIP_SLIP,
            "'../evil.jar'"),
        refused(
            "zip-slip hidden in a path",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("lib/../../evil.jar", jar)),
            Code.ZIP_SLIP,
            "'lib/../../evil.jar'"),
        refused(
            "absolute path in a ZIP",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("/tmp/evil.jar", jar)),
            Code.ZIP_SLIP,
            "is an absolute path"),
        refused(
            "zip-slip in a TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.tgz(file("lib/demo.jar", plugin), file("../evil.jar", jar)),
            Code.ZIP_SLIP,
            "'../evil.jar'"),
        refused(
            "absolute path in a TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.tgz(file("/etc/evil.jar", jar)),
            Code.ZIP_SLIP,
            "'/etc/evil.jar'"),
        refused(
            "symbolic link in a TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.tgz(file("lib/demo.jar", plugin), symlink("lib/link.jar", "/etc/passwd")),
            Code.LINK_NOT_ALLOWED,
            "'lib/link.jar' is a symbolic link"),
        refused(
            "hard link in a TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.tgz(file("lib/demo.jar", plugin), hardlink("lib/copy.jar", "lib/demo.jar")),
            Code.LINK_NOT_ALLOWED,
            "'lib/copy.jar' is a hard link"),
        refused(
            "symbolic link in a ZIP",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("lib/demo.jar", plugin), symlink("lib/link.jar", "/etc/passwd")),
            Code.LINK_NOT_ALLOWED,
            "'lib/link.jar' is a symbolic link"),
        refused(
            "FIFO in a TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.tgz(file("lib/demo.jar", plugin), fifo("lib/pipe")),
            Code.UNSUPPORTED_ENTRY,
            "'lib/pipe'"),
        refused(
            "archive over the limit",
            ArchiveType.JAR,
            1_000,
            plugin,
            Code.TOO_LARGE,
            "the uploaded archive is larger than the limit of 1000 bytes"),
        refused(
            "one file over the limit",
            ArchiveType.ZIP,
            10_000,
            Archives.zip(file("big.bin", Archives.zeros(20_000))),
            Code.TOO_LARGE,
            "'big.bin'"),
        refused(
            "all files over the limit",
            ArchiveType.TGZ,
            10_000,
            Archives.tgz(
                file("a.bin", Archives.zeros(6_000)), file("b.bin", Archives.zeros(6_000))),
            Code.TOO_LARGE,
            "more than the limit of 10000 bytes (reached at entry 'b.bin')"),
        refused(
            "truncated JAR",
            ArchiveType.JAR,
            LIMIT,
            Archives.truncated(plugin),
            Code.CORRUPT_ARCHIVE,
            "the uploaded jar is not a readable jar"),
        refused(
            "truncated ZIP",
            ArchiveType.ZIP,
            LIMIT,
            Archives.truncated(Archives.zip(file("lib/demo.jar", plugin))),
            Code.CORRUPT_ARCHIVE,
            "not a readable ZIP"),
        refused(
            "truncated TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.truncated(Archives.tgz(file("lib/demo.jar", plugin))),
            Code.CORRUPT_ARCHIVE,
            "not a readable .tgz"),
        refused(
            "a ZIP uploaded as TGZ",
            ArchiveType.TGZ,
            LIMIT,
            Archives.zip(file("lib/demo.jar", plugin)),
            Code.CORRUPT_ARCHIVE,
            "gzip"),
        refused(
            "a broken jar inside a ZIP",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("lib/demo.jar", plugin), file("lib/broken.jar", new byte[100])),
            Code.CORRUPT_ARCHIVE,
            "'lib/broken.jar' is not a readable jar"),
        refused(
            "no plugin class",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("lib/helper.jar", jar)),
            Code.NO_PLUGIN,
            "holds no Kafka Connect"),
        refused(
            "a connector without a public no-argument constructor",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("broken.jar", TestPlugins.brokenJar())),
            Code.NO_PLUGIN,
            "public no-argument constructor"),
        refused(
            "reserved file name",
            ArchiveType.ZIP,
            LIMIT,
            Archives.zip(file("demo.jar", plugin), file("plugin.json", new byte[2])),
            Code.CONFLICT,
            "'plugin.json'"));
  }

  private static Arguments refused(
      String what, ArchiveType type, long limit, byte[] archive, Code code, String message) {
    return Arguments.of(what, type, limit, archive, code, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedUploads")
  void shouldRefuseWithAClearErrorAndLeaveTheStoreAsItWas(
      String what, ArchiveType type, long limit, byte[] archive, Code code, String message)
      throws IOException {
    // given
    Map<String, String> before = StoreSnapshot.of(dataDir);

    // when
    PluginException refused =
        catchThrowableOfType(
            PluginException.class,
            () -> store.install("demo", new ByteArrayInputStream(archive), type, limit));

    // then
    assertThat(refused).as("refusal of %s", what).isNotNull();
    assertThat(refused.code()).isEqualTo(code);
    assertThat(refused.getMessage()).contains(message);
    assertThat(StoreSnapshot.of(dataDir)).isEqualTo(before);
    assertThat(store.list()).extracting(Plugin::name).containsExactly("existing");
  }
}
