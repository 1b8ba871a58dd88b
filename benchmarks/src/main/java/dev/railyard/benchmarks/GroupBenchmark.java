package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.event.ruler.Machine;

/**
 * Events per second for each of event-ruler's city-lots rule groups, Railyard and event-ruler side
 * by side: JSON text in, and Connect values in (event-ruler then gets the record re-serialized by
 * JsonConverter, as a transform would have to hand it over), and Railyard on the UTF-8 bytes as the
 * router hands them over. On both corpora ({@link Corpus}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class GroupBenchmark {

  @Param({
    "exact",
    "prefix",
    "suffix",
    "equals-ignore-case",
    "wildcard",
    "numeric",
    "anything-but",
    "arrays",
    "combined"
  })
  public String group;

  @Param({"citylots", "sflots"})
  public String corpus;

  private String[] events;
  private byte[][] bytes;
  private Object[] values;
  private RuleSet rules;
  private Machine machine;
  private JsonConverter converter;
  private int next;
  private int nextValue;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Map<String, String> patterns = RuleGroups.group(group);
    rules = RuleSet.of(patterns);
    machine = new Machine();
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      machine.addRule(e.getKey(), e.getValue());
    }
    events = Corpus.json(corpus);
    bytes = new byte[events.length][];
    for (int i = 0; i < events.length; i++) {
      bytes[i] = events[i].getBytes(StandardCharsets.UTF_8);
    }
    values = Corpus.connect(corpus);
    converter = Corpus.converter();
    Agreement.check(rules, machine, events, 20_000);
  }

  @Benchmark
  public List<String> railyardJson() {
    String event = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return rules.matches(event);
  }

  /** The same events as UTF-8 bytes, as the router matches them. */
  @Benchmark
  public List<String> railyardBytes() {
    byte[] event = bytes[next];
    next = next + 1 == bytes.length ? 0 : next + 1;
    return rules.matches(event);
  }

  @Benchmark
  public List<String> eventRulerJson() throws Exception {
    String event = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return machine.rulesForJSONEvent(event);
  }

  @Benchmark
  public List<String> railyardConnect() {
    Object value = values[nextValue];
    nextValue = nextValue + 1 == values.length ? 0 : nextValue + 1;
    return rules.matches(value);
  }

  @Benchmark
  public List<String> eventRulerConnect() throws Exception {
    Object value = values[nextValue];
    nextValue = nextValue + 1 == values.length ? 0 : nextValue + 1;
    byte[] json = converter.fromConnectData("bus", null, value);
    return machine.rulesForJSONEvent(new String(json, StandardCharsets.UTF_8));
  }
}
