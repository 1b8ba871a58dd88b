package dev.railyard.embedded.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StderrTailTest {

  @TempDir Path dir;

  @Test
  void shouldReadOnlyWhatThisProcessWroteAfterEarlierRuns() throws Exception {
    Path file = dir.resolve("worker-1.stderr");
    Files.writeString(file, "an earlier run's error\n");
    StderrTail tail = StderrTail.from(file);

    Files.writeString(file, "Unrecognized VM option 'NoSuchOption'\n", APPEND);

    assertThat(tail.read()).isEqualTo("Unrecognized VM option 'NoSuchOption'");
  }

  @Test
  void shouldBeEmptyWhenNothingWasWrittenOrTheFileIsGone() throws Exception {
    Path file = dir.resolve("worker-2.stderr");
    StderrTail tail = StderrTail.from(file);

    assertThat(tail.read()).isEmpty();
  }

  @Test
  void shouldKeepTheLastLinesAndLeaveOutALineCutAtTheStartOfTheRead() throws Exception {
    Path file = dir.resolve("worker-3.stderr");
    StderrTail tail = StderrTail.from(file);
    String lines =
        IntStream.range(0, 400)
            .mapToObj(i -> "line " + i + " " + "x".repeat(40))
            .collect(Collectors.joining("\n"));

    Files.writeString(file, lines + "\n");

    String read = tail.read();
    assertThat(read.lines()).hasSize(StderrTail.MAX_LINES);
    assertThat(read.lines().findFirst().orElseThrow()).startsWith("line 380 ");
    assertThat(read).endsWith("line 399 " + "x".repeat(40));
  }

  @Test
  void shouldLeaveOutOnlyTheCutFirstLine() {
    assertThat(StderrTail.lastLines("ine a\nline b\nline c", true)).isEqualTo("line b\nline c");
    assertThat(StderrTail.lastLines("line a\nline b", false)).isEqualTo("line a\nline b");
  }

  private static final java.nio.file.StandardOpenOption APPEND =
      java.nio.file.StandardOpenOption.APPEND;
}
