package dev.railyard.host.plugins;

import static dev.railyard.host.plugins.Archives.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.PluginCatalog.Refused;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveTest {

  static final String LONG_PATH = "lib/" + "deep-".repeat(30) + "/connector-with-a-long-name.jar";

  @TempDir Path dataDir;

  Path pluginsDir;
  PluginStore store;

  @BeforeEach
  void installPlugins() throws IOException {
    // two plugins, one with a path too long for a ustar header and one name that is not ASCII,
    // and a folder the store does not know, which is no plugin of its own
    pluginsDir = dataDir.resolve("plugins");
    store = PluginStore.open(pluginsDir);
    store.install(
        "demo",
        new ByteArrayInputStream(TestPlugins.sinkJar("1.0.0", false)),
        ArchiveType.JAR,
        1 << 24);
    byte[] tgz =
        Archives.tgz(
            Archives.paxPath(LONG_PATH),
            file("long.jar", TestPlugins.sinkJar("2.0.0", true)),
            file("docs/\u00fcber.txt", "f\u00fcr alle".getBytes(StandardCharsets.UTF_8)),
            file("lib/smt.jar", TestPlugins.transformJar(null)));
    store.install("deep", new ByteArrayInputStream(tgz), ArchiveType.TGZ, 1 << 24);
    Files.createDirectories(pluginsDir.resolve("stray/lib"));
    Files.write(pluginsDir.resolve("stray/lib/x.jar"), new byte[] {1, 2, 3});
  }

  @Test
  void shouldUnpackToTheSameFilesAsThePluginPath() throws Exception {
    // when
    Path archive = archive();
    Path unpacked = dataDir.resolve("unpacked");
    TarUnpacker.unpack(archive, new EntryWriter(unpacked, Long.MAX_VALUE));

    // then
    assertThat(StoreSnapshot.of(unpacked)).isEqualTo(installed());
    assertThat(unpacked.resolve("deep-2.0.0").resolve(LONG_PATH)).isRegularFile();
    assertThat(unpacked.resolve("demo-1.0.0/" + ManifestJar.FILE_NAME)).isRegularFile();
  }

  @Test
  void shouldUnpackWithTheTarWorkersUse() throws Exception {
    // the workers' init container runs `tar -xzf`; skipped where this machine has none
    assumeThat(onPath("tar")).as("tar on the PATH").isTrue();
    Path archive = archive();
    Path unpacked = Files.createDirectory(dataDir.resolve("by-tar"));

    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(output).isZero();
    assertThat(StoreSnapshot.of(unpacked)).isEqualTo(installed());
  }

  @Test
  void shouldWriteAnArchiveOfNothingForAnEmptyStore() throws Exception {
    PluginStore empty = PluginStore.open(dataDir.resolve("empty"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    empty.writeArchive(out);

    Path unpacked = Files.createDirectory(dataDir.resolve("none"));
    Path archive = Files.write(dataDir.resolve("none.tar.gz"), out.toByteArray());
    TarUnpacker.unpack(archive, new EntryWriter(unpacked, Long.MAX_VALUE));
    try (Stream<Path> files = Files.list(unpacked)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shouldRefuseAsAConflictWhenAPluginGoesWhileItIsWritten() throws Exception {
    // a delete that renamed the folder away after the archive took its list of plugins
    Folders.delete(pluginsDir.resolve("demo-1.0.0"));
    PluginStoreCatalog catalog = new PluginStoreCatalog(store, () -> c -> false);

    Refused refused =
        catchThrowableOfType(
            Refused.class, () -> catalog.writeArchive(new ByteArrayOutputStream()));

    assertThat(refused.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(refused.getMessage())
        .isEqualTo(
            "plugin 'demo' version '1.0.0' was deleted while the archive was being written; ask"
                + " again");
  }

  @Test
  void shouldCountItsOwnDigitsInAPaxRecordLength() {
    assertThat(new String(PluginArchive.paxRecord("path", "a"), StandardCharsets.UTF_8))
        .isEqualTo("9 path=a\n");
    // 99 bytes after the length, whose 2 digits would make 101: it takes 3, so 102
    assertThat(new String(PluginArchive.paxRecord("path", "x".repeat(92)), StandardCharsets.UTF_8))
        .startsWith("102 path=x");
    assertThat(PluginArchive.paxRecord("path", "x".repeat(92))).hasSize(102);
  }

  Path archive() throws IOException {
    Path archive = dataDir.resolve("plugins.tar.gz");
    try (var out = Files.newOutputStream(archive)) {
      store.writeArchive(out);
    }
    return archive;
  }

  /** The plugin path as a snapshot, without what is no installed plugin. */
  Map<String, String> installed() throws IOException {
    Map<String, String> snapshot = new TreeMap<>(StoreSnapshot.of(pluginsDir));
    snapshot.keySet().removeIf(path -> path.startsWith("stray"));
    return snapshot;
  }

  static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
