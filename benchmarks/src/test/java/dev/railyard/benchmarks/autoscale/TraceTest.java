package dev.railyard.benchmarks.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void shouldGiveTheSameArrivalsForTheSameSeedAndOtherOnesForAnother() {
    for (Trace trace : Trace.all(12)) {
      double[][] one = trace.arrivals(20, 7);
      assertThat(trace.arrivals(20, 7)).as(trace.name()).isDeepEqualTo(one);
      assertThat(Arrays.deepEquals(trace.arrivals(20, 8), one)).as(trace.name()).isFalse();
    }
  }

  @Test
  void shouldPutTheSpikesTwoThousandRecordsOfTheHttpSinkAtOnce() {
    Trace spike = Trace.all(12).stream().filter(t -> t.name().equals("spike")).findFirst().get();

    double[][] arrivals = spike.arrivals(20, 7);

    double at = Arrays.stream(arrivals[600]).sum();
    assertThat(at).isCloseTo(2000 + 10, within(30.0));
  }
}
