package dev.railyard.benchmarks.autoscale;

/**
 * What a run cost, added up second by second: the four figures of the tables, and two that explain
 * them. Scale events and rebalances are counted by the cluster as they happen.
 */
final class Tally {
  /** Workers launched, starting ones included, summed over the seconds. */
  double workerSeconds;

  /** max(0, age of the oldest unprocessed record − drain target), summed over the seconds. */
  double lagSecondsAbove;

  /** The oldest unprocessed record's age at its worst. */
  long worstAge;

  /** Changes of the worker count or of tasks.max. */
  int scaleEvents;

  /** Rebalances: every join, leave, reassignment after a leave and tasks.max change. */
  int rebalances;

  /** The most workers launched at once. */
  int mostWorkers;

  void add(int workers, long age, int drainTarget) {
    workerSeconds += workers;
    worstAge = Math.max(worstAge, age);
    lagSecondsAbove += Math.max(0, age - drainTarget);
    mostWorkers = Math.max(mostWorkers, workers);
  }
}
