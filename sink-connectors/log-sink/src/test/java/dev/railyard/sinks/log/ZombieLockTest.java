package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tasks on one partition, the old owner still alive after a rebalance (a zombie) and the new
 * one: the new one writes nothing, and cuts nothing back, until the old one lets go of the
 * partition's lock; then every event is in the files once. Once within this JVM (the in-process
 * guard) and once with the zombie in a child JVM (the operating system's file lock).
 */
class ZombieLockTest {

  @TempDir Path dir;

  private final List<SinkRecord> events = Events.stream(HoldingChild.TP, 100);

  @Test
  void shouldWaitForAZombieInThisJvmToLetGoBeforeWriting() {
    // given the old owner wrote and committed 50 events, and the new owner is given the partition
    LogSinkTask zombie = task();
    zombie.put(events.subList(0, 50));
    zombie.preCommit(Map.of());
    LogSinkTask owner = task();

    // when Connect hands the new owner the records from the committed offset, while the zombie
    // goes on writing and checkpointing (its own offset commit would fail: it left the group)
    assertThatThrownBy(() -> owner.put(events.subList(50, 100)))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("locked by another task")
        .hasMessageContaining(PartitionLock.path(dir, HoldingChild.TP).toString());
    zombie.put(events.subList(50, 60));
    zombie.preCommit(Map.of());
    assertThat(LogFilesRead.idCounts(dir)).hasSize(60);
    assertThatThrownBy(() -> owner.put(events.subList(50, 100)))
        .isInstanceOf(RetriableException.class);

    // then once the zombie closes the partition, the same batch is written, each event once
    zombie.close(List.of(HoldingChild.TP));
    zombie.stop();
    owner.put(events.subList(50, 100));
    owner.preCommit(Map.of());
    owner.stop();
    assertThat(LogFilesRead.idCounts(dir))
        .hasSize(100)
        .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
  }

  @Test
  void shouldWaitForAZombieInAnotherJvmToLetGoBeforeWriting() throws Exception {
    // given a worker JVM that wrote 40 events and holds on to the partition
    AtomicBoolean holding = new AtomicBoolean();
    Process child =
        ChildJvm.start(
            HoldingChild.class,
            line -> {
              if (line.equals("holding")) {
                holding.set(true);
              }
            },
            dir.toString(),
            "40");
    await("the child holding the partition")
        .atMost(Duration.ofSeconds(60))
        .until(() -> holding.get() || !child.isAlive());
    assertThat(child.isAlive()).as("the child still running").isTrue();

    // when this JVM's task is given the partition and its records from offset 0
    LogSinkTask owner = task();
    assertThatThrownBy(() -> owner.put(events))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("locked by another task");
    assertThat(LogFilesRead.idCounts(dir)).hasSize(40);

    // then once the child lets go (it closes the partition and exits), all 100 are written once
    child.getOutputStream().close();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    owner.put(events);
    owner.preCommit(Map.of());
    owner.stop();
    assertThat(LogFilesRead.idCounts(dir))
        .hasSize(100)
        .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
  }

  private LogSinkTask task() {
    LogSinkTask task = new LogSinkTask(Clock.systemUTC(), Rolls.Hooks.NONE);
    task.initialize(new FakeContext());
    task.start(Map.of(LogSinkConfig.DIRECTORY_CONFIG, dir.toString()));
    task.open(List.of(HoldingChild.TP));
    return task;
  }
}
