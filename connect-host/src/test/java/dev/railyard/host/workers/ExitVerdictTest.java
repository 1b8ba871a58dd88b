package dev.railyard.host.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.worker.WorkerMain;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExitVerdictTest {

  private static final Duration EARLY = Duration.ofSeconds(2);
  private static final Duration LATE = Duration.ofMinutes(5);

  static Stream<Arguments> exits() {
    return Stream.of(
        // exit code, announced, uptime, stderr, restart?
        Arguments.of(
            1,
            false,
            EARLY,
            "Unrecognized VM option 'NoSuchOption'\n"
                + "Error: Could not create the Java Virtual Machine.\n"
                + "Error: A fatal exception has occurred. Program will exit.",
            false),
        Arguments.of(1, false, EARLY, "Unrecognized option: --no-such-flag", false),
        Arguments.of(1, false, EARLY, "Invalid maximum heap size: -Xmxlots", false),
        Arguments.of(
            1,
            false,
            EARLY,
            "Error: Could not find or load main class dev.railyard.worker.WorkerMain",
            false),
        Arguments.of(
            WorkerMain.EXIT_INVALID_CONFIG, false, EARLY, "Invalid worker properties", false),
        Arguments.of(WorkerMain.EXIT_INVALID_CONFIG, false, LATE, "", false),
        Arguments.of(1, false, EARLY, "Connect worker failed to start: TimeoutException", true),
        Arguments.of(1, false, EARLY, "", true),
        Arguments.of(137, false, EARLY, "", true),
        Arguments.of(1, false, LATE, "Unrecognized option: --no-such-flag", true),
        Arguments.of(1, true, EARLY, "Unrecognized VM option 'X'", true),
        Arguments.of(137, true, LATE, "", true),
        Arguments.of(0, false, EARLY, "", true));
  }

  @ParameterizedTest(name = "code {0}, announced {1}, after {2}: restart {4}")
  @MethodSource("exits")
  void shouldRestartOnlyWhatMayDoBetterNextTime(
      int code, boolean announced, Duration uptime, String stderr, boolean restart) {
    ExitVerdict verdict = ExitVerdict.of(code, announced, uptime, stderr);

    assertThat(verdict.restart()).as(verdict.reason()).isEqualTo(restart);
    assertThat(verdict.reason()).isNotBlank();
  }
}
