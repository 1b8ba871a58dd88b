package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks of one connector share the files of one pattern: each file, those there when the tasks
 * were made and one appearing later, is read by exactly one task, every line once.
 */
class SharedFilesTest {

  @TempDir Path dir;

  @Test
  void shouldReadEachFileOfOnePatternInExactlyOneTaskOfThree() throws IOException {
    // given seven files of 20 lines matching one pattern, and the connector's three task configs
    for (int f = 0; f < 7; f++) {
      append(file(f), f * 100, f * 100 + 20);
    }
    Map<String, String> props = new HashMap<>(RotationTest.props(dir.resolve("*.log")));
    props.put("name", "shared-files-test");
    LogSourceConnector connector = new LogSourceConnector();
    connector.start(props);
    List<Map<String, String>> configs = connector.taskConfigs(3);
    connector.stop();
    assertThat(configs).hasSize(3);

    List<TaskDriver> drivers = new ArrayList<>();
    try {
      // when the three tasks run, and an eighth file appears after they started
      for (Map<String, String> config : configs) {
        drivers.add(new TaskDriver(config, true, 100).start());
      }
      append(file(7), 700, 720);

      // then every line is sent once, each file's lines by one task, and each task reads some
      await("160 lines sent")
          .atMost(Duration.ofSeconds(20))
          .until(() -> drivers.stream().mapToInt(d -> d.sent().size()).sum() >= 160);
      List<Integer> lines = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (TaskDriver driver : drivers) {
        Set<String> sources = sources(driver.sent());
        assertThat(sources).as("a task reads at least two files").hasSizeGreaterThanOrEqualTo(2);
        assertThat(sources).as("files read by two tasks: %s", seen).noneMatch(seen::contains);
        seen.addAll(sources);
        lines.addAll(Numbers.inEvents(driver.sent()));
      }
      assertThat(seen).hasSize(8);
      assertThat(lines)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 8)
                  .flatMap(f -> IntStream.range(f * 100, f * 100 + 20))
                  .boxed()
                  .toList());
    } finally {
      drivers.forEach(TaskDriver::close);
    }
  }

  @Test
  void shouldReadTheFilesInTurnWhenABatchHoldsLessThanOneFilesBacklog() throws IOException {
    // given three files of 100 lines, and a task whose polls return one line
    for (int f = 0; f < 3; f++) {
      append(file(f), f * 1000, f * 1000 + 100);
    }
    Map<String, String> props = new HashMap<>(RotationTest.props(dir.resolve("*.log")));
    props.put("name", "files-in-turn-test");
    props.put(LogSourceConfig.BATCH_MAX_RECORDS_CONFIG, "1");

    try (TaskDriver driver = new TaskDriver(props, true, 100).start()) {
      // then the first dozen lines come from every file, not the first file's hundred first
      await("12 lines sent").atMost(Duration.ofSeconds(20)).until(() -> driver.sent().size() >= 12);
      assertThat(sources(driver.sent().subList(0, 12))).hasSize(3);
      await("300 lines sent")
          .atMost(Duration.ofSeconds(30))
          .until(() -> driver.sent().size() >= 300);
      assertThat(Numbers.inEvents(driver.sent())).hasSize(300).doesNotHaveDuplicates();
    }
  }

  private static Set<String> sources(List<JsonNode> events) {
    Set<String> sources = new HashSet<>();
    events.forEach(e -> sources.add(e.path("source").asText()));
    return sources;
  }

  private Path file(int f) {
    return dir.resolve("f%02d.log".formatted(f));
  }

  private static void append(Path file, int from, int to) throws IOException {
    StringBuilder lines = new StringBuilder();
    IntStream.range(from, to).forEach(n -> lines.append(LogWriter.line(n)));
    Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
