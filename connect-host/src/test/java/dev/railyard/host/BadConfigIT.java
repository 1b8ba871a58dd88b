package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the real {@code railyard up} entry point in a child JVM, as a user would. */
class BadConfigIT {

  private Path workDir;

  @BeforeEach
  void createWorkDir() {
    workDir = TestPlatforms.tempDir();
  }

  @AfterEach
  void deleteWorkDir() {
    TestPlatforms.delete(workDir);
  }

  @Test
  void shouldStopStartupNamingAnUnknownFlagAndSuggestingTheRightOne() throws Exception {
    Result result = railyardUp("--htp-port", "9999");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .contains("unknown setting 'htp.port'")
        .contains("did you mean 'http.port'?")
        .contains("Valid settings:");
    assertThat(workDir.resolve("data")).doesNotExist();
  }

  @Test
  void shouldStopStartupNamingTheKeyWithAWrongValueInThePropertiesFile() throws Exception {
    Files.writeString(workDir.resolve("railyard.properties"), "workers=2\nhttp.port=eighty\n");

    Result result = railyardUp();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Invalid value eighty for configuration http.port");
    assertThat(workDir.resolve("data")).doesNotExist();
  }

  @Test
  void shouldStopStartupWhenAValueIsOutOfRange() throws Exception {
    Result result = railyardUp("--workers", "9", "--workers-max", "4");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("workers").contains("cannot exceed workers.max (4)");
  }

  @Test
  void shouldStopStartupWithTheJvmsOwnErrorWhenAWorkerJvmOptionIsRefused() throws Exception {
    Files.writeString(
        workDir.resolve("railyard.properties"),
        "workers=1\nhttp.port=0\nbroker.port=0\nworkers.jvm.options=-XX:+NoSuchOption\n");

    Result result = railyardUp();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("worker-1").contains("Unrecognized VM option");
  }

  record Result(int exitCode, String stderr) {}

  private Result railyardUp(String... flags) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "up"));
    command.addAll(List.of(flags));
    // stderr goes to a file, so a `railyard up` that does not exit fails the wait, not hangs a read
    Path stderr = Files.createTempFile(workDir, "railyard-up", ".stderr");
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    assertThat(exited).as("railyard up exits within 60 s").isTrue();
    return new Result(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
