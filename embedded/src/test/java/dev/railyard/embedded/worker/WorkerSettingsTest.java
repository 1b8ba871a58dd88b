package dev.railyard.embedded.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {

  @TempDir Path dir;

  @Test
  void shouldGiveTheClientSettingsToConnectsOwnClientsAndToThoseItMakesForConnectors() {
    // given a secured cluster's client settings
    Map<String, String> client =
        Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "Scram required;");

    // when the worker properties are made
    Map<String, String> p =
        new WorkerSettings("broker:9093", "railyard", dir, 3000, client, Map.of()).toProperties();

    // then every level Connect reads has them
    for (String prefix : new String[] {"", "producer.", "consumer.", "admin."}) {
      assertThat(p)
          .containsEntry(prefix + "security.protocol", "SASL_SSL")
          .containsEntry(prefix + "sasl.jaas.config", "Scram required;");
    }
    assertThat(p).containsEntry("bootstrap.servers", "broker:9093");
  }

  @Test
  void shouldAddNoClientSettingsForAnUnsecuredCluster() {
    Map<String, String> p =
        new WorkerSettings("broker:9092", "railyard", dir, 3000, Map.of()).toProperties();

    assertThat(p.keySet()).noneMatch(k -> k.contains("security.protocol") || k.contains("sasl"));
    assertThat(p).containsEntry("config.providers", WorkerSettings.CONFIG_PROVIDERS);
  }

  @Test
  void shouldKeepTheConfigProvidersToTheSecretsFolderAndVariables() {
    Path secrets = dir.resolve("secrets");
    Map<String, String> p =
        new WorkerSettings(
                "broker:9092",
                "railyard",
                dir,
                3000,
                Map.of(),
                Map.of(),
                secrets,
                "RAILYARD_SECRET_.*")
            .toProperties();

    assertThat(p)
        .containsEntry("config.providers.file.param.allowed.paths", secrets.toString())
        .containsEntry("config.providers.directory.param.allowed.paths", secrets.toString())
        .containsEntry("config.providers.env.param.allowlist.pattern", "RAILYARD_SECRET_.*");
  }

  @Test
  void shouldStartWorkersWithTheVariablesAJvmNeedsAndTheSecretsOnly() {
    Map<String, String> parent =
        Map.of(
            "PATH", "/usr/bin",
            "JAVA_HOME", "/opt/jdk",
            "AWS_SECRET_ACCESS_KEY", "shh",
            "RAILYARD_TOKEN", "ry_x",
            "RAILYARD_SECRET_DB", "pw");

    assertThat(WorkerEnvironment.of(parent, java.util.regex.Pattern.compile("RAILYARD_SECRET_.*")))
        .containsOnlyKeys("PATH", "JAVA_HOME", "RAILYARD_SECRET_DB");
  }

  @Test
  void shouldWriteSecretsReadableByTheirOwnerOnly() throws Exception {
    Path file = dir.resolve("run/worker-1.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old=1\n");

    PrivateFiles.writeProperties(file, Map.of("sasl.jaas.config", "x"), "test");

    assertThat(Files.readString(file)).contains("sasl.jaas.config=x").doesNotContain("old");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
