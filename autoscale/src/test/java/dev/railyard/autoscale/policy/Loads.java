package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Snapshots for the policy's tests, built up field by field. */
final class Loads {

  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private Loads() {}

  static Load sink(String name) {
    return new Load(name, Kind.SINK);
  }

  static PolicySettings settings(int min, int max) {
    return PolicySettings.defaults(min, max);
  }

  static PolicySettings settings(Map<String, String> props, int min, int max) {
    return new AutoscaleConfig(props, min, max).settings();
  }

  static ClusterSnapshot snapshot(Instant at, int workers, Load... loads) {
    return new ClusterSnapshot(
        at,
        List.of(loads).stream().map(Load::build).toList(),
        workers,
        workers,
        OptionalDouble.empty(),
        Optional.empty());
  }

  /** The first decision: nothing remembered yet. */
  static Decision first(ClusterSnapshot snapshot, PolicySettings settings) {
    return ScalingPolicy.decide(snapshot, settings, PolicyMemory.EMPTY);
  }

  /** The task change of a decision about one connector. */
  static Decision.TaskChange only(Decision d) {
    org.assertj.core.api.Assertions.assertThat(d.tasks()).hasSize(1);
    return d.tasks().get(0);
  }

  static Instant at(long seconds) {
    return T0.plus(Duration.ofSeconds(seconds));
  }

  /** A connector load with defaults: running, 1 task, 3 partitions, no lag, no rates. */
  static final class Load {
    private final String name;
    private Kind kind;
    private String state = "RUNNING";
    private int tasks = 1;
    private Integer running;
    private Double lagSeconds;
    private int partitions = 3;
    private long lag;
    private long stuckLag;
    private int stuckPartitions;
    private OptionalDouble arrival = OptionalDouble.empty();
    private OptionalDouble taskRate = OptionalDouble.empty();
    private OptionalDouble drain = OptionalDouble.empty();
    private Bounds bounds = Bounds.DEFAULT;
    private Optional<String> problem = Optional.empty();

    Load(String name, Kind kind) {
      this.name = name;
      this.kind = kind;
    }

    Load kind(Kind k) {
      kind = k;
      return this;
    }

    Load state(String s) {
      state = s;
      return this;
    }

    Load tasks(int n) {
      tasks = n;
      return this;
    }

    /** Tasks RUNNING, when not all of them (a rebalance under way). */
    Load running(int n) {
      running = n;
      return this;
    }

    /** The age of the oldest record not committed; 30 s with lag unless set. */
    Load lagSeconds(double s) {
      lagSeconds = s;
      return this;
    }

    Load partitions(int n) {
      partitions = n;
      return this;
    }

    Load lag(long n) {
      lag = n;
      return this;
    }

    Load stuck(long lagOnThem, int partitions) {
      stuckLag = lagOnThem;
      stuckPartitions = partitions;
      return this;
    }

    Load arrival(double perSecond) {
      arrival = OptionalDouble.of(perSecond);
      return this;
    }

    Load drain(double perSecond) {
      drain = OptionalDouble.of(perSecond);
      return this;
    }

    Load taskRate(double perSecond) {
      taskRate = OptionalDouble.of(perSecond);
      return this;
    }

    Load config(Map<String, String> config) {
      bounds = Bounds.of(config);
      return this;
    }

    Load problem(String p) {
      problem = Optional.of(p);
      return this;
    }

    ConnectorLoad build() {
      return new ConnectorLoad(
          name,
          kind,
          state,
          tasks,
          running != null ? running : state.equals("RUNNING") ? tasks : 0,
          partitions,
          lag,
          lagSeconds != null ? lagSeconds : lag > 0 ? 30 : 0,
          stuckLag,
          stuckPartitions,
          arrival,
          drain,
          taskRate,
          bounds,
          problem,
          Optional.empty());
    }
  }
}
