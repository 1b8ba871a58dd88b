package dev.railyard.benchmarks;

import dev.railyard.rules.pattern.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Events per second of a RuleSet (and of an event-ruler Machine) holding 10, 1,000 and 10,000
 * rules: routing rules with a selective equality field, and rule sets made only of prefix, numeric
 * or wildcard rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ScaleBenchmark {

  @Param({"10", "1000", "10000"})
  public int rules;

  /** What the rules are made of; see {@link RuleGroups#generated(String, long, int)}. */
  @Param({"routing", "prefix", "numeric", "wildcard"})
  public String shape;

  @Param({"citylots"})
  public String corpus;

  private String[] events;
  private RuleSet ruleSet;
  private Machine machine;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Map<String, String> patterns = RuleGroups.generated(shape, 7, rules);
    ruleSet = RuleSet.of(patterns);
    events = Corpus.json(corpus);
    // event-ruler can take minutes to add thousands of distinct ranges; -Dscale.eventRuler=false
    // measures the RuleSet alone
    if (!Boolean.parseBoolean(System.getProperty("scale.eventRuler", "true"))) {
      return;
    }
    machine = new Machine();
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      machine.addRule(e.getKey(), e.getValue());
    }
    Agreement.check(ruleSet, machine, events, 20_000);
  }

  @Benchmark
  public List<String> railyard() {
    String event = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return ruleSet.matches(event);
  }

  @Benchmark
  public List<String> eventRuler() throws Exception {
    String event = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return machine.rulesForJSONEvent(event);
  }
}
