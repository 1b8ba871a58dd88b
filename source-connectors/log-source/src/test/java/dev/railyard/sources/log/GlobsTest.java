package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobsTest {

  @TempDir Path dir;

  @Test
  void shouldMatchPatternsAcrossFoldersWithoutTheExcludedFiles() throws Exception {
    // given logs in two folders, a debug log and a rotated copy
    Files.createDirectories(dir.resolve("a/logs"));
    Files.createDirectories(dir.resolve("b/logs"));
    for (String f :
        List.of("a/logs/app.log", "b/logs/app.log", "a/logs/debug-1.log", "a/logs/app.log.1")) {
      Files.writeString(dir.resolve(f), "x\n");
    }

    // when the patterns are matched
    Globs globs = new Globs(List.of(dir + "/*/logs/*.log"), List.of(dir + "/*/logs/debug*.log"));

    // then the live logs are found, from the pattern's base folder
    assertThat(globs.scan())
        .containsExactly(dir.resolve("a/logs/app.log"), dir.resolve("b/logs/app.log"));
    assertThat(globs.bases()).containsExactly(dir);
  }

  @Test
  void shouldTakeTheFolderBeforeTheFirstWildcardAsTheBase() {
    assertThat(Globs.baseOf("/var/log/app/*.log")).isEqualTo("/var/log/app");
    assertThat(Globs.baseOf("/var/log/**/x.log")).isEqualTo("/var/log");
    assertThat(Globs.baseOf("/var/log/app.log")).isEqualTo("/var/log");
    assertThat(Globs.baseOf("/*.log")).isEqualTo("/");
  }
}
