package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting a file into complete lines: ends of line, partial last lines, long lines. */
class LineReaderTest {

  @TempDir Path dir;

  private LineReader reader(Path file, int maxBytes) throws Exception {
    return new LineReader(LogFile.open(file, 0), new Head(1024), maxBytes);
  }

  @Test
  void shouldGiveCompleteLinesWithTheirPositionsWithoutTheirEndOfLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a.log"), "one\r\ntwo\nthr");
    LineReader reader = reader(file, 100);

    assertThat(reader.next(0)).isEqualTo(new Line("one", 0, 5, false));
    assertThat(reader.next(0)).isEqualTo(new Line("two", 5, 9, false));
    assertThat(reader.next(0)).isNull();
    assertThat(reader.lineStart()).isEqualTo(9);
  }

  @Test
  void shouldSendAPartialLastLineOnlyAfterItsTimeoutAndGoOnWithWhatComesNext() throws Exception {
    // given a last line without its end of line, read at time 0
    Path file = Files.writeString(dir.resolve("a.log"), "done\nhalf");
    LineReader reader = reader(file, 100);
    reader.next(0);
    assertThat(reader.next(0)).isNull();

    // when time passes, less and then more than the timeout
    Line early = reader.expired(999, 1000);
    Line late = reader.expired(1000, 1000);

    // then it is sent once the timeout is over, and what is written next is a line of its own
    assertThat(early).isNull();
    assertThat(late).isEqualTo(new Line("half", 5, 9, false));
    Files.writeString(file, " more\n", StandardOpenOption.APPEND);
    assertThat(reader.next(2000)).isEqualTo(new Line(" more", 9, 15, false));
  }

  @Test
  void shouldCutALongLineWithAFlagAndReadTheNextOne() throws Exception {
    Path file = Files.writeString(dir.resolve("a.log"), "x".repeat(200_000) + "\nnext\n");
    LineReader reader = reader(file, 100);

    Line cut = reader.next(0);
    assertThat(cut.text()).hasSize(100);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.end()).isEqualTo(200_001);
    assertThat(reader.next(0)).isEqualTo(new Line("next", 200_001, 200_006, false));
  }

  @Test
  void shouldKeepTheFirstBytesOfTheFileAsItsHead() throws Exception {
    Path file = Files.writeString(dir.resolve("a.log"), "first line\nsecond\n");
    LineReader reader = reader(file, 100);
    reader.next(0);

    assertThat(reader.head().length()).isEqualTo(18);
    assertThat(reader.head().fingerprint(11)).isEqualTo(Head.hash("first line\n".getBytes(), 11));
  }
}
