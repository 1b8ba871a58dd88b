package dev.railyard.host.rules;

import dev.railyard.rules.stats.StatsRecords;
import dev.railyard.rules.stats.StatsSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the stats topic says, as read so far: the latest record of every task run and the fold of
 * the runs that ended (see {@link StatsRecords}), their sum, and which runs to fold next. A run is
 * folded once it wrote its finished record, or once it has been silent for {@link #SILENT} (its
 * task died without a last write; a live run writes at least every hour). Not thread-safe: used by
 * the stats follower's thread.
 */
final class StatsFold {

  /** How long a run may be silent before it is taken to be over. */
  static final Duration SILENT = Duration.ofDays(2);

  /**
   * A write that folds runs: the new fold record, then the run keys to delete.
   *
   * @param foldValue null when only deletions are left to do (of runs already in the fold)
   */
  record Plan(String foldValue, List<String> tombstones) {}

  private record Run(StatsSnapshot counts, boolean finished, Instant writtenAt) {}

  private final Map<String, Run> runs = new HashMap<>();
  private StatsSnapshot folded = StatsSnapshot.EMPTY;
  private Set<String> foldedKeys = Set.of();

  /**
   * Takes one record of the topic in.
   *
   * @param value null for a tombstone
   * @throws IllegalArgumentException when the value is not a stats record
   */
  void apply(String key, String value, Instant writtenAt) {
    if (value == null) {
      runs.remove(key);
      return;
    }
    StatsRecords.Entry entry = StatsRecords.entry(value);
    if (StatsRecords.FOLD_KEY.equals(key)) {
      folded = entry.counts();
      foldedKeys = entry.folded();
    } else {
      runs.put(key, new Run(entry.counts(), entry.finished(), writtenAt));
    }
  }

  /** The fold plus every run it does not hold. */
  StatsSnapshot total() {
    StatsSnapshot sum = folded;
    for (Map.Entry<String, Run> e : runs.entrySet()) {
      if (!foldedKeys.contains(e.getKey())) {
        sum = sum.plus(e.getValue().counts());
      }
    }
    return sum;
  }

  /**
   * The write that folds the runs over at {@code now}, if any. The fold record lists what it holds,
   * so a run whose deletion is lost is not counted twice; it lists a run only until the run's
   * deletion has been read back.
   */
  Optional<Plan> plan(Instant now) {
    List<String> over = new ArrayList<>();
    List<String> leftOver = new ArrayList<>();
    for (Map.Entry<String, Run> e : runs.entrySet()) {
      if (foldedKeys.contains(e.getKey())) {
        leftOver.add(e.getKey()); // folded, but its deletion was not read back yet
      } else if (e.getValue().finished()
          || Duration.between(e.getValue().writtenAt(), now).compareTo(SILENT) >= 0) {
        over.add(e.getKey());
      }
    }
    if (over.isEmpty()) {
      return leftOver.isEmpty() ? Optional.empty() : Optional.of(new Plan(null, leftOver));
    }
    StatsSnapshot sum = folded;
    for (String key : over) {
      sum = sum.plus(runs.get(key).counts());
    }
    Set<String> listed = new TreeSet<>(leftOver);
    listed.addAll(over);
    List<String> tombstones = new ArrayList<>(listed);
    return Optional.of(new Plan(StatsRecords.writeFold(sum, listed), tombstones));
  }

  /** How many run records are held; for tests and logs. */
  int runs() {
    return runs.size();
  }
}
