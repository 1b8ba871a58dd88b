package dev.railyard.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.rules.cloudevents.EventId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the router spends per matched event of a whole-event route to find the id it puts in the
 * {@code railyard.event.id} header. Two baselines: the event parsed into a Jackson tree (as the
 * router first did for every matched event) and Jackson's streaming parser skipping to the
 * top-level {@code id} (as it did next, a parser made per event); Railyard now scans the bytes
 * ({@code EventId}, checking what it skips as Jackson would). Events are city-lots features wrapped
 * as CloudEvents the way PutEvents writes them (envelope first, {@code data} last, so the id comes
 * first), and a second set with {@code id} last, the worst case for both reads that stop at the id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EventIdBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory STREAMING = new JsonFactory();

  @org.openjdk.jmh.annotations.Param({"id-first", "id-last"})
  public String layout;

  private byte[][] events;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    List<String> lots = CityLots.events(Corpus.SEED, 10_000);
    events = new byte[lots.size()][];
    for (int i = 0; i < lots.size(); i++) {
      ObjectNode event = JSON.createObjectNode();
      if (layout.equals("id-first")) {
        event.put("id", "evt-" + i);
      }
      event.put("specversion", "1.0").put("source", "city/lots").put("type", "lot.changed");
      event.put("time", "2026-11-26T10:00:00Z").put("datacontenttype", "application/json");
      event.set("data", JSON.readTree(lots.get(i)));
      if (layout.equals("id-last")) {
        event.put("id", "evt-" + i);
      }
      events[i] = JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }
  }

  private byte[] nextEvent() {
    byte[] e = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return e;
  }

  @Benchmark
  public String treeBaseline() throws Exception {
    JsonNode id = JSON.readTree(nextEvent()).get("id");
    return id != null && id.isTextual() ? id.asText() : null;
  }

  @Benchmark
  public String streamingBaseline() throws Exception {
    try (JsonParser p = STREAMING.createParser(nextEvent())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("id".equals(name)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    }
  }

  @Benchmark
  public String railyardScan() {
    return EventId.of(nextEvent());
  }
}
