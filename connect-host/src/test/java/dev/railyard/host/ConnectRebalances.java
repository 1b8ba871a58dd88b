package dev.railyard.host;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rebalances of the Connect group, as Connect itself records them: every worker logs "Joined
 * group at generation N ... got assignment: Assignment{...}" for each generation it takes part in.
 * Each generation is one rebalance round; from who took part and what was assigned, each gets a
 * kind (a worker joined or left, revoking round, delayed reassignment, task config change), and
 * {@link #perStep} puts each one on the autoscaler step that caused it.
 */
final class ConnectRebalances {

  private static final Pattern JOINED =
      Pattern.compile(
          "^(\\S+) .*Joined group at generation (\\d+) with protocol version \\d+ and got"
              + " assignment: Assignment\\{(.*)} with rebalance delay: (\\d+)");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

  /** What started a generation, as far as the assignments show. */
  enum Kind {
    /** A worker that was not in the previous generation took part. */
    JOIN,
    /** A worker of the previous generation did not. */
    LEAVE,
    /**
     * The previous generation revoked connectors or tasks and this one, which the workers that
     * revoked start themselves as soon as they stopped what they gave up, hands them out: the
     * second round of one incremental cooperative rebalance (KIP-415), not a rebalance of its own.
     */
    AFTER_REVOCATION,
    /** The previous generation held a departed worker's tasks back; this one reassigns them. */
    DELAYED,
    /** Same workers, nothing pending: a connector's tasks or config changed. */
    CONFIG
  }

  /**
   * One generation.
   *
   * @param number the generation id
   * @param at when the first worker logged it
   * @param members the workers (log names) that took part
   * @param revoked connectors and tasks revoked in it, over all workers
   * @param assigned connectors and tasks newly assigned in it, over all workers
   * @param delay the rebalance delay it announced (lost tasks held back), in ms
   * @param kind what started it
   */
  record Generation(
      int number,
      Instant at,
      Set<String> members,
      int revoked,
      int assigned,
      int delay,
      Kind kind) {

    @Override
    public String toString() {
      return "gen "
          + number
          + " "
          + kind
          + " "
          + members
          + (revoked > 0 ? " revoked " + revoked : "")
          + (assigned > 0 ? " assigned " + assigned : "")
          + (delay > 0 ? " delay " + delay + " ms" : "");
    }
  }

  /**
   * One step of the autoscaler and the generations it caused.
   *
   * @param at when its first change was applied
   * @param changes its applied changes, {@code target from → to}
   * @param generations the generations it caused
   */
  record Step(Instant at, List<String> changes, List<Generation> generations) {

    /**
     * The rebalances it caused: its generations but the second rounds of revoking ones ({@link
     * Kind#AFTER_REVOCATION}); a delayed reassignment counts as a rebalance of its own.
     */
    long rebalances() {
      return ConnectRebalances.rebalances(generations);
    }

    @Override
    public String toString() {
      return at
          + " "
          + changes
          + ": "
          + rebalances()
          + " rebalance(s), "
          + generations.size()
          + " generation(s) "
          + generations.stream()
              .map(
                  g ->
                      String.format(
                          java.util.Locale.ROOT,
                          "+%.1f s %s",
                          Duration.between(at, g.at()).toMillis() / 1000.0,
                          g))
              .toList();
    }
  }

  /** {@code task.shutdown.graceful.timeout.ms} of Railyard's workers. */
  private static final Duration FOLLOW_UP_WITHIN = Duration.ofSeconds(15);

  private ConnectRebalances() {}

  /** The generations logged after {@code since}. */
  static List<Generation> since(Path dataDir, Instant since) {
    return generations(dataDir).stream().filter(g -> g.at().isAfter(since)).toList();
  }

  /** The rebalances among {@code generations}: all but the second rounds of revoking ones. */
  static long rebalances(List<Generation> generations) {
    return generations.stream().filter(g -> g.kind() != Kind.AFTER_REVOCATION).count();
  }

  /**
   * Whether the group is at rest with exactly {@code workers} (log names): its newest generation
   * has them all, revoked nothing and held nothing back.
   */
  static boolean settled(Path dataDir, Set<String> workers) {
    List<Generation> all = generations(dataDir);
    if (all.isEmpty()) {
      return false;
    }
    Generation last = all.get(all.size() - 1);
    return last.members().equals(workers) && last.revoked() == 0 && last.delay() == 0;
  }

  /** Every generation the workers of {@code dataDir} logged, in order. */
  static List<Generation> generations(Path dataDir) {
    Map<Integer, Instant> at = new TreeMap<>();
    Map<Integer, Set<String>> members = new TreeMap<>();
    Map<Integer, int[]> counts = new TreeMap<>(); // revoked, assigned, delay
    try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
      for (Path log :
          logs.filter(p -> p.getFileName().toString().matches("worker-\\d+\\.log")).toList()) {
        String worker = log.getFileName().toString().replace(".log", "");
        for (String line : Files.readAllLines(log)) {
          Matcher m = JOINED.matcher(line);
          if (!m.find()) {
            continue;
          }
          int gen = Integer.parseInt(m.group(2));
          Instant when =
              LocalDateTime.parse(m.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
          at.merge(gen, when, (a, b) -> a.isBefore(b) ? a : b);
          members.computeIfAbsent(gen, g -> new TreeSet<>()).add(worker);
          String assignment = m.group(3);
          int[] c = counts.computeIfAbsent(gen, g -> new int[3]);
          c[0] += ids(assignment, "revokedConnectorIds") + ids(assignment, "revokedTaskIds");
          c[1] += ids(assignment, "connectorIds") + ids(assignment, "taskIds");
          c[2] = Math.max(c[2], Integer.parseInt(m.group(4)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Generation> out = new ArrayList<>();
    Generation previous = null;
    for (int gen : at.keySet()) {
      int[] c = counts.get(gen);
      Kind kind = kind(previous, members.get(gen), at.get(gen));
      Generation g = new Generation(gen, at.get(gen), members.get(gen), c[0], c[1], c[2], kind);
      out.add(g);
      previous = g;
    }
    return out;
  }

  private static Kind kind(Generation previous, Set<String> members, Instant at) {
    if (previous == null) {
      return Kind.JOIN;
    }
    if (!previous.members().containsAll(members)) {
      return Kind.JOIN;
    }
    if (!members.containsAll(previous.members())) {
      return Kind.LEAVE;
    }
    // the workers rejoin once the revoked tasks stopped: within their graceful shutdown time
    if (previous.revoked() > 0 && !at.isAfter(previous.at().plus(FOLLOW_UP_WITHIN))) {
      return Kind.AFTER_REVOCATION;
    }
    if (previous.delay() > 0) {
      return Kind.DELAYED;
    }
    return Kind.CONFIG;
  }

  /**
   * The generations after {@code since} put on the step that caused them: a join on the last step
   * that added workers, a leave on the last that removed some, a task config change on the last
   * that changed tasks, and a revoking or delayed round's follow-up on the step of the round before
   * it. Steps are the applied entries of the autoscaler's timeline, those within a second of each
   * other making one step.
   *
   * @param decisions the {@code decisions} array of {@code GET /api/v1/autoscale/decisions}
   * @return the steps in order; the generations no step explains go on a last step with no changes
   */
  static List<Step> perStep(List<Generation> generations, JsonNode decisions, Instant since) {
    List<Instant> starts = new ArrayList<>();
    List<List<String>> changes = new ArrayList<>();
    List<Boolean> upWorkers = new ArrayList<>();
    List<Boolean> downWorkers = new ArrayList<>();
    List<Boolean> taskChanges = new ArrayList<>();
    for (JsonNode d : decisions) {
      Instant at = Instant.parse(d.path("at").asText());
      int from = d.path("from").asInt();
      int to = d.path("to").asInt();
      if (at.isBefore(since) || !d.path("outcome").asText().equals("applied") || from == to) {
        continue;
      }
      int last = starts.size() - 1;
      if (last < 0 || at.isAfter(starts.get(last).plusSeconds(1))) {
        starts.add(at);
        changes.add(new ArrayList<>());
        upWorkers.add(false);
        downWorkers.add(false);
        taskChanges.add(false);
        last++;
      }
      String target = d.path("target").asText();
      changes.get(last).add(target + " " + from + " → " + to);
      if (target.equals("workers")) {
        upWorkers.set(last, upWorkers.get(last) || to > from);
        downWorkers.set(last, downWorkers.get(last) || to < from);
      } else {
        taskChanges.set(last, true);
      }
    }
    Map<Integer, List<Generation>> byStep = new LinkedHashMap<>();
    Map<Integer, Integer> stepOf = new TreeMap<>();
    for (Generation g : generations) {
      if (g.at().isBefore(since)) {
        continue;
      }
      int step =
          switch (g.kind()) {
            case JOIN -> lastBefore(starts, upWorkers, g.at());
            case LEAVE -> lastBefore(starts, downWorkers, g.at());
            case CONFIG -> lastBefore(starts, taskChanges, g.at());
            case AFTER_REVOCATION, DELAYED -> stepOf.getOrDefault(g.number() - 1, -1);
          };
      stepOf.put(g.number(), step);
      byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(g);
    }
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      out.add(new Step(starts.get(i), changes.get(i), byStep.getOrDefault(i, List.of())));
    }
    if (byStep.containsKey(-1)) {
      // no change: the assertion that every step made one fails on it
      out.add(new Step(since, List.of(), byStep.get(-1)));
    }
    return out;
  }

  private static int lastBefore(List<Instant> starts, List<Boolean> matches, Instant at) {
    for (int i = starts.size() - 1; i >= 0; i--) {
      if (matches.get(i) && !starts.get(i).isAfter(at)) {
        return i;
      }
    }
    return -1;
  }

  private static int ids(String assignment, String field) {
    Matcher m = Pattern.compile("(?:^|, )" + field + "=\\[([^]]*)]").matcher(assignment);
    return m.find() && !m.group(1).isBlank() ? m.group(1).split(",").length : 0;
  }
}
