package dev.railyard.benchmarks.routing;

import dev.railyard.benchmarks.routing.Results.Row;
import dev.railyard.rules.model.Topology;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Events per second and CPU per event of routing, end to end, from one run of Railyard started as
 * {@code ./railyard up} starts it (issue 13): the raw consumer (the limit), plain Kafka Connect's
 * FileStreamSink reading the bus topic, Railyard with 1, 10 and 100 rules (one matching every
 * event, the others none, each with a FileStreamSink target), Railyard with 10 rules each matching
 * a tenth, and plain Connect doing those 10 rules the Kafka way: ten FileStreamSinks, each reading
 * the whole bus through the {@code MatchesPattern} predicate and {@code Filter}.
 *
 * <p>Every case reads the same backlog, written before it starts, on a bus of its own (or a
 * consumer group of its own on the one plain bus). Its connectors are created and running first,
 * then paused while the backlog is written, then resumed: the figures are from the first line its
 * files got to the last, without connector start-up, CPU of the control plane and every worker
 * together over the same span. Targets never sleep here ({@code
 * rules.targets.sleep.after.seconds=0}): a sleeping target has no connector to pause.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar
 * dev.railyard.benchmarks.routing.RoutingBenchmark [events] [data dir] [--jfr]
 * [--target-max-poll-records=N] [--cases=pass,kafka-way,r1,r10,r100,tenth]}; needs {@code
 * connect-host/target/railyard.jar} (what {@code ./railyard} builds). {@code --jfr} records
 * profiles (JFR's {@code profile} settings: a sample every 10 ms) of the worker to {@code <data
 * dir>/worker.jfr} and of the control plane, where the broker runs, to {@code <data
 * dir>/railyard.jfr}. {@code --cases} runs some cases only (the raw consumer always runs), for
 * profiling one; the ratios to a case not run are then missing.
 */
public final class RoutingBenchmark {

  static final long SEED = 20261202L;
  static final int PARTITIONS = 3;
  static final String MATCH_ALL = "{\"source\": [\"bench/orders\"]}";
  private static final Duration STALL = Duration.ofSeconds(120);

  private final RailyardProcess railyard;
  private final Path out;
  private final int events;
  private final List<Row> rows = new ArrayList<>();
  // --target-max-poll-records=N: what each target's consumer takes a poll, instead of Railyard's
  private final String targetPoll;
  // --cases=a,b: the cases to run
  private final List<String> cases;
  private final ConnectorStates states;

  private RoutingBenchmark(
      RailyardProcess railyard, Path out, int events, String targetPoll, List<String> cases) {
    this.railyard = railyard;
    this.out = out;
    this.events = events;
    this.targetPoll = targetPoll;
    this.cases = cases;
    this.states = new ConnectorStates(railyard, STALL);
  }

  /** The cases, by their names in {@code --cases}. */
  static final List<String> CASES = List.of("pass", "kafka-way", "r1", "r10", "r100", "tenth");

  private static String option(String[] args, String name) {
    return List.of(args).stream()
        .filter(a -> a.startsWith("--" + name + "="))
        .map(a -> a.substring(a.indexOf('=') + 1))
        .findFirst()
        .orElse(null);
  }

  public static void main(String[] args) throws Exception {
    List<String> positional = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
    int events = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 300_000;
    Path data =
        positional.size() > 1
            ? Path.of(positional.get(1)).toAbsolutePath()
            : Files.createTempDirectory("railyard-routing-bench");
    Path jar = Path.of("connect-host/target/railyard.jar");
    if (!Files.exists(jar)) {
      throw new IOException(jar + " is missing: run ./railyard --help once to build it");
    }
    String targetPoll = option(args, "target-max-poll-records");
    String only = option(args, "cases");
    List<String> cases = only == null ? CASES : List.of(only.split(","));
    if (!CASES.containsAll(cases)) {
      throw new IllegalArgumentException("--cases takes some of " + CASES + ", not " + only);
    }
    // targets that sleep start without a connector; every case needs its targets created and
    // paused before its backlog is written. Sleeping saves idle targets' cost, not per-event work
    List<String> flags = new ArrayList<>(List.of("--rules-targets-sleep-after-seconds", "0"));
    List<String> jvmOptions = new ArrayList<>();
    if (List.of(args).contains("--jfr")) {
      // profiles of the worker, where routing runs, and of the control plane with the broker, for
      // `jfr print` or JDK Mission Control. The workers' options are a list split at commas, so
      // the recording's options (comma-separated too) reach the worker in an argument file
      Path argFile = Files.createDirectories(data).resolve("worker-jfr.args");
      Files.writeString(argFile, jfrOption(data.resolve("worker.jfr")) + "\n");
      flags.addAll(
          List.of("--workers-jvm-options", "-Xmx1g,-XX:+ExitOnOutOfMemoryError,@" + argFile));
      jvmOptions.add(jfrOption(data.resolve("railyard.jfr")));
    }
    System.out.printf(Locale.ROOT, "events %,d, data %s%n", events, data);
    try (RailyardProcess railyard =
        RailyardProcess.start(jar, data.resolve("railyard"), 1, PARTITIONS, flags, jvmOptions)) {
      Path out = Files.createDirectories(data.resolve("railyard/files/out"));
      RoutingBenchmark b = new RoutingBenchmark(railyard, out, events, targetPoll, cases);
      b.warmUp();
      b.runAll();
      Results.print(b.rows);
    }
  }

  private static String jfrOption(Path file) {
    return "-XX:StartFlightRecording=settings=profile,filename=" + file;
  }

  private void runAll() throws Exception {
    String plain = "plain";
    Backlog.create(railyard.bootstrapServers(), plain, PARTITIONS);
    List<String> passThrough = List.of(PlainSinks.create(railyard, out, "pass", plain, null));
    List<String> kafkaWay = new ArrayList<>();
    for (int g = 0; g < Backlog.GROUPS; g++) {
      kafkaWay.add(
          PlainSinks.create(railyard, out, "group-" + g, plain, PlainSinks.groupPattern(g)));
    }
    List<String> all = new ArrayList<>(passThrough);
    all.addAll(kafkaWay);
    states.awaitRunning(all);
    states.pause(all);
    Backlog.fill(railyard.bootstrapServers(), plain, PARTITIONS, events, SEED);

    rows.add(RawConsumer.read(railyard.bootstrapServers(), plain, PARTITIONS, events));
    rows.add(
        cases.contains("pass")
            ? measure(
                "plain Connect: FileStreamSink on the bus", passThrough, files("pass"), events)
            : Row.missing("plain Connect: FileStreamSink on the bus"));
    rows.add(
        cases.contains("kafka-way")
            ? measure(
                "plain Connect: 10 FileStreamSinks, MatchesPattern + Filter",
                kafkaWay,
                files(IntStream.range(0, Backlog.GROUPS).mapToObj(g -> "group-" + g).toList()),
                events)
            : Row.missing("plain Connect: 10 FileStreamSinks, MatchesPattern + Filter"));
    if (cases.contains("r1")) {
      rows.add(railyardCase("Railyard: 1 rule, matching every event", "r1", 1, false));
    }
    if (cases.contains("r10")) {
      rows.add(railyardCase("Railyard: 10 rules, one matching every event", "r10", 10, false));
    }
    if (cases.contains("r100")) {
      rows.add(railyardCase("Railyard: 100 rules, one matching every event", "r100", 100, false));
    }
    if (cases.contains("tenth")) {
      rows.add(railyardCase("Railyard: 10 rules, each matching a tenth", "tenth", 10, true));
    }
  }

  /**
   * A Railyard case on a backlog as large as the others, not reported: the worker's JIT compiles
   * the router and the delivery guard (and Connect's own code, which the plain cases run too)
   * before the first measured case. With a tenth of the backlog (some 5 s under load) the first
   * Railyard case still ran partly interpreted: on 2026-12-03 the three cases that do the same work
   * (1, 10 and 100 rules, one matching) took 53, 48 and 40 µs CPU an event, in that order.
   */
  private void warmUp() throws Exception {
    RoutingBenchmark same = new RoutingBenchmark(railyard, out, events, targetPoll, cases);
    same.railyardCase("warm-up", "warmup", 1, false);
  }

  /** Rules on a bus of their own; the router and every target paused while its backlog fills. */
  private Row railyardCase(String name, String bus, int rules, boolean tenths) throws Exception {
    StringBuilder yaml = new StringBuilder();
    List<String> targets = new ArrayList<>();
    List<String> receiving = new ArrayList<>();
    for (int r = 0; r < rules; r++) {
      String rule = bus + "-" + r;
      String pattern =
          tenths
              ? PlainSinks.groupPattern(r)
              : r == 0 ? MATCH_ALL : "{\"type\": [\"never-" + r + "\"]}";
      Path file = out.resolve(rule + ".txt");
      if (tenths || r == 0) {
        receiving.add(rule);
      }
      yaml.append(
          String.format(
              Locale.ROOT,
              """
              apiVersion: railyard/v1
              kind: Rule
              metadata: {name: %s}
              spec:
                bus: %s
                pattern: %s
                targets:
                  - name: out
                    config:
                      connector.class: FileStreamSink
                      file: "%s"
                      value.converter: org.apache.kafka.connect.storage.StringConverter%s
              ---
              """,
              rule,
              bus,
              pattern,
              file,
              targetPoll == null
                  ? ""
                  : "\n        consumer.override.max.poll.records: \"" + targetPoll + "\""));
      targets.add(Topology.targetConnectorName(rule, "out"));
    }
    HttpResponse<String> applied =
        railyard.post(
            "/api/v1/rules:apply?file=" + bus + ".yaml", "application/yaml", yaml.toString());
    if (applied.statusCode() != 200) {
      throw new IOException("rules:apply answered " + applied.statusCode() + ": " + applied.body());
    }
    states.awaitRunning(targets);
    // the router and the targets that receive; the others get nothing either way
    List<String> connectors =
        new ArrayList<>(
            receiving.stream().map(r -> Topology.targetConnectorName(r, "out")).toList());
    connectors.add(Topology.routerConnectorName(bus));
    states.awaitRunning(connectors);
    states.pause(connectors);
    Backlog.fill(railyard.bootstrapServers(), bus, PARTITIONS, events, SEED);
    List<String> deliveries =
        receiving.stream().map(r -> Topology.deliveryTopic(r, "out")).toList();
    try (Routed routed = new Routed(railyard.bootstrapServers(), deliveries, events)) {
      Row row = measure(name, connectors, files(receiving), events);
      System.out.printf(Locale.ROOT, "  the router alone: %,.0f events/s%n", routed.rate());
      return new Row(row.name(), row.events(), row.rate(), row.cpuMicros(), routed.rate());
    }
  }

  private Row measure(String name, List<String> connectors, List<Path> files, long expected)
      throws Exception {
    states.resume(connectors);
    Outputs.Span span = new Outputs(files).await(expected, STALL, railyard::cpuNanos);
    if (span.lines() - span.firstLines() < expected / 2) {
      // most lines came before the first look: no span to take a rate over
      throw new IllegalStateException(
          name
              + ": "
              + span.firstLines()
              + " of "
              + expected
              + " lines were there at the first look; run with more events");
    }
    states.pause(connectors);
    Row row =
        new Row(
            name,
            span.lines() - span.firstLines(),
            span.rate(),
            span.cpuMicrosPerLine(),
            Double.NaN);
    // wall-clock times of the span, to find it in a flight recording
    java.time.Instant now = java.time.Instant.now();
    long nanos = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%s: %,.0f events/s, %.1f µs CPU an event (%s to %s)%n",
        name,
        row.rate(),
        row.cpuMicros(),
        now.minusNanos(nanos - span.first()),
        now.minusNanos(nanos - span.last()));
    return row;
  }

  private List<Path> files(String name) {
    return files(List.of(name));
  }

  private List<Path> files(List<String> names) {
    return names.stream().map(n -> out.resolve(n + ".txt")).toList();
  }
}
