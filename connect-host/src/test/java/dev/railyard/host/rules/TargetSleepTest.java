package dev.railyard.host.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TargetSleepTest {

  private static final String HOOK = "railyard.to.orders.hook";
  private final AtomicLong now = new AtomicLong();
  private final TargetSleep sleep = new TargetSleep(Duration.ofSeconds(300), now::get);

  private TargetSleep.Changes read(long routed, long lag) {
    return sleep.observe(Map.of(HOOK, new TargetSleep.Reading(routed, lag)));
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void shouldStartANewTargetAsleepAndWakeItAtTheFirstReadingWithLag() {
    // given a target just applied, its delivery topic empty
    assertThat(sleep.awake(HOOK)).isFalse();
    assertThat(read(0, 0).isEmpty()).isTrue();
    assertThat(sleep.awake(HOOK)).isFalse();

    // when the router writes to it
    TargetSleep.Changes changes = read(3, 3);

    // then it wakes
    assertThat(changes.woken()).containsExactly(HOOK);
    assertThat(sleep.awake(HOOK)).isTrue();
  }

  @Test
  void shouldFallAsleepOnlyAfterTheWholeQuietTimeWithNothingRoutedOrLeft() {
    // given an awake target that delivered what it got
    read(5, 5);
    read(5, 0);

    // when it stays quiet for less than the time, then events come, then it is quiet again
    advance(Duration.ofSeconds(299));
    assertThat(read(5, 0).isEmpty()).isTrue();
    read(6, 0); // routed and delivered between two readings
    advance(Duration.ofSeconds(299));
    assertThat(read(6, 0).isEmpty()).isTrue();
    assertThat(sleep.awake(HOOK)).isTrue();

    // then it sleeps once the whole time passes after the last event
    advance(Duration.ofSeconds(1));
    assertThat(read(6, 0).asleep()).containsExactly(HOOK);
    assertThat(sleep.awake(HOOK)).isFalse();
  }

  @Test
  void shouldNotSleepWhileRecordsAreLeftToDeliver() {
    // given an awake target that cannot deliver (its endpoint is down, records parked)
    read(10, 10);

    // when far more than the quiet time passes with the same lag
    advance(Duration.ofHours(2));

    // then it stays awake
    assertThat(read(10, 4).isEmpty()).isTrue();
    assertThat(sleep.awake(HOOK)).isTrue();
  }

  @Test
  void shouldTakeRunningConnectorsAsAwakeAndQuietFromNow() {
    // given a restart that finds the target's connector running
    sleep.running(Set.of(HOOK));
    read(7, 0);

    // when less than the quiet time passes, it stays; after it, it sleeps
    advance(Duration.ofSeconds(200));
    assertThat(read(7, 0).isEmpty()).isTrue();
    advance(Duration.ofSeconds(100));
    assertThat(read(7, 0).asleep()).containsExactly(HOOK);
  }

  @Test
  void shouldWakeASleepingTargetBetweenReadingsAndKeepItAwakeForTheQuietTime() {
    // given a sleeping target
    read(0, 0);

    // when a look between two readings finds its delivery topic grown
    assertThat(sleep.wake(Set.of(HOOK))).containsExactly(HOOK);

    // then it is awake, a second wake changes nothing, and the next reading keeps it awake
    assertThat(sleep.awake(HOOK)).isTrue();
    assertThat(sleep.wake(Set.of(HOOK))).isEmpty();
    assertThat(read(1, 1).isEmpty()).isTrue();
    assertThat(sleep.awake(HOOK)).isTrue();
  }

  @Test
  void shouldKeepEveryTargetAwakeWhenSleepIsOff() {
    TargetSleep never = TargetSleep.never();
    assertThat(never.awake(HOOK)).isTrue();
    assertThat(never.observe(Map.of(HOOK, new TargetSleep.Reading(0, 0))).isEmpty()).isTrue();
  }

  @Test
  void shouldForgetTargetsNoLongerRead() {
    // given an awake target
    read(1, 1);

    // when its rule goes
    sleep.observe(Map.of());

    // then a target of the same name applied again starts asleep
    assertThat(sleep.awake(HOOK)).isFalse();
  }
}
