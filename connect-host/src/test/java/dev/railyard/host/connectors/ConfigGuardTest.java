package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.host.config.SecretsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a connector config may reach: a table of references, files and moved secrets. */
class ConfigGuardTest {

  @TempDir Path dataDir;
  private Path secrets;
  private Path files;
  private ConfigGuard guard;

  @BeforeEach
  void setUp() throws Exception {
    secrets = Files.createDirectories(dataDir.resolve("secrets"));
    files = Files.createDirectories(dataDir.resolve("files"));
    Files.writeString(secrets.resolve("db.properties"), "password=pw\n");
    Files.createSymbolicLink(secrets.resolve("passwd.properties"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(files.resolve("out"), Path.of("/tmp"));
    guard =
        new ConfigGuard(new SecretsConfig(secrets, Pattern.compile("RAILYARD_SECRET_.*"), files));
  }

  // SECRETS and FILES stand for the folders; "ok" means no problem
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "db.password | ${file:SECRETS/db.properties:password}          | ok",
        "db.password | ${file:SECRETS/missing.properties:password}     | ok",
        "db.password | ${directory:SECRETS:db.properties}              | ok",
        "db.password | ${env:RAILYARD_SECRET_DB}                       | ok",
        "db.password | plain text                                      | ok",
        "db.password | ${file:/etc/passwd:root}                        | secrets.dir",
        "db.password | ${file:SECRETS/../../etc/passwd:root}           | secrets.dir",
        "db.password | ${file:SECRETS/passwd.properties:root}          | secrets.dir",
        "db.password | ${file:db.properties:password}                  | secrets.dir",
        "db.password | ${file:SECRETS-other/db.properties:password}    | secrets.dir",
        "db.password | ${directory:/etc:passwd}                        | secrets.dir",
        "db.password | ${directory:SECRETS:../../etc/passwd}           | secrets.dir",
        "db.password | prefix ${env:HOME} suffix                       | secrets.env.pattern",
        "db.password | ${env:PATH:HOME}                                | secrets.env.pattern",
        "db.password | ${vault:secret/db:password}                     | unknown config provider",
        "db.password | ${railyard:kafka:sasl.jaas.config}              | client keys",
        "railyard.kafka.sasl.jaas.config | ${railyard:kafka:sasl.jaas.config} | ok",
      })
  void shouldAllowOnlyReferencesUnderTheSecretsFolderAndPattern(
      String key, String value, String expected) {
    Map<String, String> config = Map.of(key, value.replace("SECRETS", secrets.toString()));

    Map<String, String> problems = guard.problems(config, null);

    if (expected.equals("ok")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsOnlyKeys(key);
      assertThat(problems.get(key)).contains(expected);
    }
  }

  @ParameterizedTest(name = "{0} file = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FileStreamSink                                          | FILES/audit.jsonl      | ok",
        "org.apache.kafka.connect.file.FileStreamSourceConnector | FILES/in/app.log       | ok",
        "FileStreamSink                                          | ''                     | ok",
        "FileStreamSink                                          | /tmp/outside           | files.dir",
        "FileStreamSource                                        | /etc/passwd            | files.dir",
        "FileStreamSink                                          | FILES/../escape.jsonl  | files.dir",
        "FileStreamSink                                          | FILES/out/escape.jsonl | files.dir",
        "FileStreamSink                                          | audit.jsonl            | files.dir",
        "FileStreamSink                    | ${file:SECRETS/db.properties:password} | files.dir",
        "dev.railyard.sinks.http.HttpSinkConnector               | /tmp/outside           | ok",
      })
  void shouldKeepFileStreamConnectorsInTheFilesFolder(String type, String file, String expected) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", type);
    config.put(
        "file", file.replace("FILES", files.toString()).replace("SECRETS", secrets.toString()));

    Map<String, String> problems = guard.problems(config, null);

    if (expected.equals("ok")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsOnlyKeys("file");
      assertThat(problems.get("file")).contains(expected).contains(files.toString());
    }
  }

  // FILES stands for files.dir; "ok" means no problem; a relative value is the connector's to
  // refuse
  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/app/*.log            | ok",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/**/access.log        | ok",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | 'FILES/a.log, FILES/b/*.log' | ok",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | logs/*.log                 | ok",
        "LogSource                                   | log.paths | /var/log/*.log             | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | /etc/passwd                | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/../*.log             | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/app/../../etc/*.conf | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/*/../../etc/passwd   | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | FILES/out/*.log            | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | /fil*/app.log              | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | 'FILES/a.log,/etc/passwd'  | files.dir",
        "dev.railyard.sources.log.LogSourceConnector | log.paths | ${env:RAILYARD_SECRET_LOGS}  | files.dir",
        "dev.railyard.sinks.log.LogSinkConnector     | log.directory | FILES/archive          | ok",
        "dev.railyard.sinks.log.LogSinkConnector     | log.directory | FILES                  | ok",
        "LogSinkConnector                            | log.directory | /var/log/archive       | files.dir",
        "dev.railyard.sinks.log.LogSinkConnector     | log.directory | FILES/../archive       | files.dir",
        "dev.railyard.sinks.log.LogSinkConnector     | log.directory | FILES/out/archive      | files.dir",
        "dev.railyard.sinks.log.LogSinkConnector     | log.directory | ${env:RAILYARD_SECRET_DIR} | files.dir",
        "dev.railyard.sinks.http.HttpSinkConnector   | log.directory | /var/log/archive       | ok",
      })
  void shouldKeepTheLogConnectorsInTheFilesFolder(
      String type, String key, String value, String expected) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", type);
    config.put(key, value.replace("FILES", files.toString()));

    Map<String, String> problems = guard.problems(config, null);

    if (expected.equals("ok")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsOnlyKeys(key);
      assertThat(problems.get(key)).contains(expected).contains(files.toString());
    }
  }

  @Test
  void shouldConfineTheLogSinkOfARuleTarget() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "dev.railyard.rules.delivery.GuardedSinkConnector");
    config.put("railyard.delegate.class", "dev.railyard.sinks.log.LogSinkConnector");
    config.put("log.directory", "/var/log/archive");

    assertThat(guard.problems(config, null))
        .containsOnlyKeys("log.directory")
        .hasEntrySatisfying(
            "log.directory", p -> assertThat(p).contains("files.dir (" + files + ")"));
  }

  @Test
  void shouldCheckTheHostedSinkOfARuleTarget() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "dev.railyard.rules.delivery.GuardedSinkConnector");
    config.put("railyard.delegate.class", "FileStreamSink");
    config.put("file", "/tmp/outside");

    assertThat(guard.problems(config, null)).containsOnlyKeys("file");
  }

  @Test
  void shouldTakeARelativeFileRelativeToTheFilesFolder() {
    Map<String, String> config = Map.of("connector.class", "FileStreamSink", "file", "a/b.jsonl");

    Map<String, String> resolved = guard.resolveFiles(config);

    assertThat(resolved).containsEntry("file", files.resolve("a/b.jsonl").toString());
    assertThat(guard.problems(resolved, null)).isEmpty();
    assertThat(guard.resolveFiles(Map.of("connector.class", "X", "file", "a")))
        .containsEntry("file", "a");
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "connection.url    | jdbc:postgresql://db/app | jdbc:postgresql://evil/app | refused",
        "http.url          | https://a.example/      | https://evil.example/      | refused",
        "bootstrap.servers | kafka:9092               | evil:9092                  | refused",
        "database.hostname | db                       | evil                       | refused",
        "database.host     | db                       | evil                       | refused",
        "es.endpoint       | https://es/              | https://evil/              | refused",
        "http.url          | https://a.example/      | https://a.example/         | ok",
        "tasks.max         | 1                        | 4                          | ok",
      })
  void shouldRefuseAMaskedSecretWhenWhereItGoesChanged(
      String key, String before, String after, String expected) {
    Map<String, String> current = Map.of(key, before, "db.password", "pw");
    Map<String, String> config = Map.of(key, after, "db.password", SecretMasking.MASK);

    Map<String, String> problems = guard.problems(config, current);

    if (expected.equals("ok")) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsOnlyKeys(key);
      assertThat(problems.get(key)).contains("db.password").doesNotContain("pw\"");
    }
  }

  @Test
  void shouldRefuseAWhereKeyAddedOrRemovedWithAMaskedSecretButNotWithoutOne() {
    Map<String, String> current = Map.of("db.password", "pw");

    assertThat(
            guard.problems(
                Map.of("db.password", SecretMasking.MASK, "connection.url", "jdbc:x"), current))
        .containsOnlyKeys("connection.url");
    assertThat(guard.problems(Map.of("db.password", "new", "connection.url", "jdbc:x"), current))
        .isEmpty();
  }

  @Test
  void shouldNameTheKeysAndNoValueInTheRefusal() throws Exception {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("a.password", "${file:/etc/passwd:root}");
    config.put("b.token", "${env:HOME}");

    var refusal = guard.refusal(config, null);

    assertThat(refusal.code()).isEqualTo("CONFIG_NOT_ALLOWED");
    assertThat(refusal.details()).containsKey("errors");
    assertThat(refusal.message()).startsWith("a.password: ");
    String passwd = Files.readAllLines(Path.of("/etc/passwd")).get(0);
    assertThat(refusal.toString()).doesNotContain(passwd);
  }
}
