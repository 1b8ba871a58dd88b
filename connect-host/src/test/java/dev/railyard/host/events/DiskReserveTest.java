package dev.railyard.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskReserveTest {

  @TempDir Path dir;

  @Test
  void shouldTakeEventsWhileTheDiskHasTheReserveFree() {
    assertThat(new DiskReserve(dir, 1, "broker.disk.min.free.bytes").get()).isNull();
  }

  @Test
  void shouldRefuseEventsNamingTheSettingWhenTheDiskLacksTheReserve() {
    String refusal = new DiskReserve(dir, Long.MAX_VALUE, "broker.disk.min.free.bytes").get();

    assertThat(refusal)
        .contains("the embedded broker's disk has")
        .contains("less than broker.disk.min.free.bytes")
        .contains(dir.toString());
  }

  @Test
  void shouldRefuseNothingWithoutAReserve() {
    assertThat(new DiskReserve(dir, 0, "broker.disk.min.free.bytes").get()).isNull();
  }
}
