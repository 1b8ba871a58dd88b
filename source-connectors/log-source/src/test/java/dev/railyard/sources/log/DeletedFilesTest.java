package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task on a folder whose files come and go (one log per job, deleted when done) keeps no tailer
 * and no open file of a deleted one: each is read to its end, closed and forgotten. Open files are
 * counted in {@code /proc/self/fd}, tailers in the task's FileStatus MBean attribute.
 */
class DeletedFilesTest {

  private static final String NAME = "deleted-files-test";

  @TempDir Path dir;

  @Test
  void shouldReadADeletedFileToItsEndThenCloseAndForgetIt() throws Exception {
    // given a task on *.log with 20 files of 10 lines each, all read
    Map<String, String> props = new HashMap<>(RotationTest.props(dir.resolve("*.log")));
    props.put("name", NAME);
    try (TaskDriver driver = new TaskDriver(props, true, 100)) {
      for (int f = 0; f < 20; f++) {
        append(file(f), f * 100, f * 100 + 10);
      }
      driver.start();
      awaitLines(driver, 200);
      await("20 files tailed and open")
          .atMost(Duration.ofSeconds(10))
          .until(() -> tailed().size() == 20 && openFiles() == 20);

      // when 5 lines are added to each of files 1 to 19 and they are deleted at once, and file 0
      // is rotated by rename (a copy its tailer may still have to finish)
      for (int f = 1; f < 20; f++) {
        append(file(f), f * 100 + 10, f * 100 + 15);
        Files.delete(file(f));
      }
      Files.move(file(0), dir.resolve("f00.log.1"));

      // then every line is read, the deleted files are closed and their tailers gone, and the
      // renamed one's tailer waits for its path to come back, with no file open
      awaitLines(driver, 295);
      await("the deleted files closed and forgotten")
          .atMost(Duration.ofSeconds(15))
          .until(() -> tailed().size() == 1 && openFiles() == 0);
      assertThat(tailed()).containsOnlyKeys((Object) file(0).toString());
      assertThat(Numbers.inEvents(driver.sent())).containsExactlyInAnyOrderElementsOf(expected());

      // and a file appearing later at a deleted path is a new one, read from its start
      append(file(7), 5000, 5003);
      awaitLines(driver, 298);
      assertThat(Numbers.inEvents(driver.sent())).endsWith(5000, 5001, 5002).hasSize(298);
      await("the new file tailed")
          .atMost(Duration.ofSeconds(10))
          .until(() -> tailed().size() == 2 && openFiles() == 1);
    }
  }

  private Path file(int f) {
    return dir.resolve("f%02d.log".formatted(f));
  }

  /** The line numbers written: file 0's first 10, and 15 of each of files 1 to 19. */
  private static List<Integer> expected() {
    Stream<Integer> zero = IntStream.range(0, 10).boxed();
    Stream<Integer> rest =
        IntStream.range(1, 20).boxed().flatMap(f -> IntStream.range(f * 100, f * 100 + 15).boxed());
    return Stream.concat(zero, rest).toList();
  }

  private static void append(Path file, int from, int to) throws IOException {
    StringBuilder lines = new StringBuilder();
    IntStream.range(from, to).forEach(n -> lines.append(LogWriter.line(n)));
    Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void awaitLines(TaskDriver driver, int count) {
    await(count + " lines sent")
        .atMost(Duration.ofSeconds(20))
        .until(() -> Numbers.inEvents(driver.sent()).size() >= count);
  }

  /** The live paths the task has a tailer of, with what each does. */
  private static Map<Object, Object> tailed() throws Exception {
    ObjectName name =
        new ObjectName(
            "dev.railyard.sources.log:type=log-source,connector="
                + ObjectName.quote(NAME)
                + ",task=0");
    TabularData status =
        (TabularData) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "FileStatus");
    Map<Object, Object> byPath = new HashMap<>();
    status
        .values()
        .forEach(
            row -> {
              var r = (javax.management.openmbean.CompositeData) row;
              byPath.put(r.get("key"), r.get("value"));
            });
    return byPath;
  }

  /** This JVM's open file descriptors on files of the folder (deleted ones too). */
  private long openFiles() throws IOException {
    String folder = dir.toRealPath().toString() + "/";
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith(folder);
                } catch (IOException e) {
                  return false; // closed while listed
                }
              })
          .count();
    }
  }
}
