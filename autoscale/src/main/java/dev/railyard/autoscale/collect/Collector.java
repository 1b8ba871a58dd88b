package dev.railyard.autoscale.collect;

import dev.railyard.autoscale.actuate.WorkerActuator;
import dev.railyard.autoscale.lag.GroupLag;
import dev.railyard.autoscale.lag.LagReader;
import dev.railyard.autoscale.lag.OffsetSnapshot;
import dev.railyard.autoscale.lag.PartitionLag;
import dev.railyard.autoscale.policy.Bounds;
import dev.railyard.autoscale.policy.ClusterSnapshot;
import dev.railyard.autoscale.policy.ConnectorLoad;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.PolicySettings;
import dev.railyard.autoscale.policy.SourceBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Builds one {@link ClusterSnapshot} per call from few requests whatever the number of connectors:
 * Connect's status of all of them (one request through {@link ConnectView}), the topics named by
 * regex (one Admin request, cached for {@link #TOPICS_TTL}), and the offsets of every sink's topics
 * and group ({@link LagReader}: three Admin requests), and the committed offsets of each log source
 * ({@link ConnectView#sourceOffsets}: one request per log source that takes part). Rates and lag in
 * seconds come from what earlier calls saw; a connector deleted since is forgotten. What could not
 * be read is in the snapshot as a problem, never as a zero. Calls run one at a time.
 */
public final class Collector {

  static final Duration TOPICS_TTL = Duration.ofSeconds(30);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final LagReader reader;
  private final ConnectView connect;
  private final WorkerMetrics metrics;
  private final WorkerActuator workers;
  private final Clock clock;
  private final int processors;
  private final Map<String, ConnectorHistory> histories = new HashMap<>();
  private final Map<String, SourceHistory> sources = new HashMap<>();
  private Map<String, WorkerMetrics.Sample> lastCpu = Map.of();
  private Instant lastCpuAt;
  private Set<String> topics;
  private Instant topicsAt;

  /**
   * @param admin the client offsets and topics are read with, owned by the caller
   * @param processors what CPU time is divided by, for the fraction of the machine a worker uses
   */
  public Collector(
      Admin admin,
      ConnectView connect,
      WorkerMetrics metrics,
      WorkerActuator workers,
      Clock clock,
      int processors) {
    this.admin = admin;
    this.reader = new LagReader(admin, READ_TIMEOUT);
    this.connect = connect;
    this.metrics = metrics;
    this.workers = workers;
    this.clock = clock;
    this.processors = Math.max(1, processors);
  }

  /** Reads everything once; never throws for what it could not read, it says so instead. */
  public synchronized ClusterSnapshot collect(PolicySettings settings) throws InterruptedException {
    Instant now = clock.instant();
    int running = workers.currentWorkers();
    int desired = workers.desiredWorkers();
    List<ConnectorState> states;
    try {
      states = connect.connectors();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return ClusterSnapshot.failed(
          now, running, desired, "Kafka Connect did not answer: " + reason(e));
    }
    Map<String, List<String>> topicsOf = new HashMap<>();
    Set<String> allTopics = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (ConnectorState s : states) {
      if (s.kind() != Kind.SOURCE) {
        List<String> own = new ArrayList<>(s.topics());
        if (s.topicsRegex().isPresent()) {
          try {
            topicNames().stream()
                .filter(t -> s.topicsRegex().get().matcher(t).matches())
                .forEach(own::add);
          } catch (Exception e) {
            return ClusterSnapshot.failed(
                now, running, desired, "the topics could not be listed: " + reason(e));
          }
        }
        topicsOf.put(s.name(), own);
        allTopics.addAll(own);
        groups.add(s.group());
      }
    }
    OffsetSnapshot offsets;
    try {
      offsets = reader.read(allTopics, groups);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return ClusterSnapshot.failed(
          now, running, desired, "the offsets could not be read: " + reason(e));
    }
    List<ConnectorLoad> loads = new ArrayList<>();
    for (ConnectorState s : states) {
      loads.add(
          LogSourceOffsets.exposes(s)
              ? source(s, now, running, settings)
              : load(
                  s, topicsOf.getOrDefault(s.name(), List.of()), offsets, now, running, settings));
    }
    List<String> names = states.stream().map(ConnectorState::name).toList();
    histories.keySet().retainAll(names);
    sources.keySet().retainAll(names);
    WorkerReadings readings = workerReadings(now);
    return new ClusterSnapshot(
        now, loads, running, desired, readings.cpu(), Optional.empty(), readings.loads());
  }

  private ConnectorLoad load(
      ConnectorState s,
      List<String> topics,
      OffsetSnapshot offsets,
      Instant now,
      int workersRunning,
      PolicySettings settings) {
    Bounds bounds = Bounds.of(s.config());
    if (s.kind() == Kind.SOURCE) {
      return ConnectorLoad.unread(
          s.name(), s.kind(), s.state(), s.tasksMax(), s.runningTasks(), bounds, Optional.empty());
    }
    Optional<String> problem = problem(s, topics, offsets);
    if (problem.isPresent()) {
      return ConnectorLoad.unread(
          s.name(), s.kind(), s.state(), s.tasksMax(), s.runningTasks(), bounds, problem);
    }
    List<PartitionLag> partitions = new ArrayList<>();
    for (String topic : topics) {
      offsets.lag(s.group(), topic).map(GroupLag::partitions).ifPresent(partitions::addAll);
    }
    ConnectorHistory.Figures f =
        histories
            .computeIfAbsent(s.name(), n -> new ConnectorHistory())
            .add(
                now,
                partitions,
                s.runningTasks(),
                workersRunning,
                settings.persistentLag(),
                settings.lagThreshold());
    return new ConnectorLoad(
        s.name(),
        s.kind(),
        s.state(),
        s.tasksMax(),
        s.runningTasks(),
        partitions.size(),
        f.lag(),
        f.lagSeconds(),
        f.stuckLag(),
        f.stuckPartitions(),
        f.arrivalRate(),
        f.drainRate(),
        f.taskRate(),
        bounds,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * A log source: its bytes behind from its committed offsets, one request to Connect; none when it
   * opted out (it is left alone). What could not be read is its problem, never a zero.
   */
  private ConnectorLoad source(
      ConnectorState s, Instant now, int workersRunning, PolicySettings settings)
      throws InterruptedException {
    Bounds bounds = Bounds.of(s.config());
    if (!bounds.enabled()) {
      return ConnectorLoad.unread(
          s.name(), s.kind(), s.state(), s.tasksMax(), s.runningTasks(), bounds, Optional.empty());
    }
    List<ConnectView.SourceOffset> committed;
    try {
      committed = connect.sourceOffsets(s.name());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return unreadSource(s, bounds, "its offsets could not be read from Connect: " + reason(e));
    }
    List<LogSourceOffsets.FileOffset> files = LogSourceOffsets.files(s.config(), committed);
    if (files.isEmpty()) {
      return unreadSource(s, bounds, "no file of its patterns has a committed offset yet");
    }
    if (files.stream().allMatch(f -> f.size() < 0)) {
      return unreadSource(
          s,
          bounds,
          "no offset of its files carries the file's size yet (written before the log source"
              + " added it); each file's next line brings it");
    }
    SourceBacklog backlog =
        sources
            .computeIfAbsent(s.name(), n -> new SourceHistory())
            .add(
                now,
                files,
                LogSourceOffsets.mostTasks(s.config(), files),
                s.runningTasks(),
                workersRunning,
                settings.persistentLag());
    return new ConnectorLoad(
        s.name(),
        s.kind(),
        s.state(),
        s.tasksMax(),
        s.runningTasks(),
        0,
        0,
        0,
        0,
        0,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        bounds,
        Optional.empty(),
        Optional.of(backlog));
  }

  private static ConnectorLoad unreadSource(ConnectorState s, Bounds bounds, String problem) {
    return ConnectorLoad.unread(
        s.name(),
        s.kind(),
        s.state(),
        s.tasksMax(),
        s.runningTasks(),
        bounds,
        Optional.of(problem));
  }

  private static Optional<String> problem(
      ConnectorState s, List<String> topics, OffsetSnapshot offsets) {
    if (offsets.committed(s.group()).isEmpty()) {
      return Optional.of(
          offsets.problems().stream()
              .filter(p -> p.contains("group " + s.group() + " "))
              .findFirst()
              .orElse("the offsets of group " + s.group() + " were not read"));
    }
    for (String topic : topics) {
      for (String p : offsets.problems()) {
        if (p.startsWith("topic " + topic + " ")) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private Set<String> topicNames() throws Exception {
    Instant now = clock.instant();
    if (topics == null || topicsAt.plus(TOPICS_TTL).isBefore(now)) {
      topics = admin.listTopics().names().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      topicsAt = now;
    }
    return topics;
  }

  private record WorkerReadings(List<ClusterSnapshot.WorkerLoad> loads, OptionalDouble cpu) {}

  // CPU since the last read per worker, as a fraction of the processors; the average for the policy
  private WorkerReadings workerReadings(Instant now) {
    Map<String, WorkerMetrics.Sample> samples = new HashMap<>();
    List<ClusterSnapshot.WorkerLoad> loads = new ArrayList<>();
    double elapsed =
        lastCpuAt != null && now.isAfter(lastCpuAt)
            ? Duration.between(lastCpuAt, now).toNanos()
            : 0;
    for (WorkerMetrics.Sample s : metrics.samples()) {
      OptionalDouble cpu = OptionalDouble.empty();
      if (s.cpuNanos() >= 0) {
        samples.put(s.name(), s);
        WorkerMetrics.Sample before = lastCpu.get(s.name());
        if (elapsed > 0 && before != null && s.cpuNanos() >= before.cpuNanos()) {
          cpu = OptionalDouble.of((s.cpuNanos() - before.cpuNanos()) / elapsed / processors);
        }
      }
      loads.add(new ClusterSnapshot.WorkerLoad(s.name(), cpu, s.residentBytes()));
    }
    lastCpu = samples;
    lastCpuAt = now;
    OptionalDouble average =
        loads.stream()
            .filter(l -> l.cpu().isPresent())
            .mapToDouble(l -> l.cpu().getAsDouble())
            .average();
    return new WorkerReadings(loads, average);
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.ExecutionException
            || t instanceof java.util.concurrent.CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
