package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every file is one task's: the dealt ones evenly, the others by their hash. */
class FileSharesTest {

  @Test
  void shouldDealTheFilesOutEvenlyEachToExactlyOneTask() {
    for (int files = 0; files <= 13; files++) {
      for (int tasks = 1; tasks <= 6; tasks++) {
        Set<Path> dealt = files(files);
        List<FileShares> shares = shares(tasks, FileShares.encode(dealt));

        Map<Integer, Integer> perTask = new HashMap<>();
        for (Path file : dealt) {
          List<Integer> owners = owners(shares, file);
          assertThat(owners).as("%s of %d files, %d tasks", file, files, tasks).hasSize(1);
          perTask.merge(owners.get(0), 1, Integer::sum);
        }
        int most = perTask.values().stream().mapToInt(i -> i).max().orElse(0);
        int least =
            perTask.size() < tasks ? 0 : perTask.values().stream().mapToInt(i -> i).min().orElse(0);
        assertThat(most - least)
            .as("%d files on %d tasks: %s", files, tasks, perTask)
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void shouldGiveAFileThatCameLaterToExactlyOneTaskTheSameInEveryTask() {
    // given three tasks dealt five files
    List<FileShares> shares = shares(3, FileShares.encode(files(5)));

    // then each of 200 later files (and a name holding the list's separator) has one owner, the
    // same one whichever form of its path a task sees
    for (int f = 100; f < 300; f++) {
      Path later = Path.of("/var/log/app/f" + f + ".log");
      assertThat(owners(shares, later)).hasSize(1);
      assertThat(owners(shares, Path.of("/var/log/app/../app/./f" + f + ".log")))
          .isEqualTo(owners(shares, later));
    }
    Path odd = Path.of("/var/log/app/two\nlines.log");
    assertThat(FileShares.encode(Set.of(odd))).isEmpty();
    assertThat(owners(shares, odd)).hasSize(1);
  }

  @Test
  void shouldListTheDealtFilesSortedOncePerLine() {
    Set<Path> files = new LinkedHashSet<>(List.of(Path.of("/l/b.log"), Path.of("/l/a,1.log")));

    assertThat(FileShares.encode(files)).isEqualTo("/l/a,1.log\n/l/b.log");
  }

  @Test
  void shouldRefuseATaskOutsideItsCount() {
    assertThatThrownBy(() -> FileShares.of(2, 2, "")).hasMessageContaining("task 2 of 2");
    assertThatThrownBy(
            () ->
                new LogSourceConfig(
                        Map.of(
                            "log.paths",
                            "/var/log/*.log",
                            "log.task.index",
                            "3",
                            "log.task.count",
                            "2"))
                    .shares())
        .hasMessageContaining("log.task.index")
        .hasMessageContaining("must be below log.task.count (2)");
  }

  private static Set<Path> files(int n) {
    Set<Path> files = new LinkedHashSet<>();
    IntStream.range(0, n).forEach(i -> files.add(Path.of("/var/log/app/f" + (n - i) + ".log")));
    return files;
  }

  private static List<FileShares> shares(int tasks, String dealt) {
    return IntStream.range(0, tasks).mapToObj(i -> FileShares.of(i, tasks, dealt)).toList();
  }

  private static List<Integer> owners(List<FileShares> shares, Path file) {
    return IntStream.range(0, shares.size()).filter(i -> shares.get(i).mine(file)).boxed().toList();
  }
}
