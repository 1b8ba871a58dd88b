package dev.railyard.benchmarks.autoscale;

/**
 * The Connect cluster's constants, the same for every policy; docs/autoscale.md says where each was
 * measured or why it was assumed.
 *
 * @param partitions partitions of the topic the one sink connector reads
 * @param workersMin the fewest workers, for every policy
 * @param workersMax the most workers, for every policy
 * @param workerStart seconds from launching a worker to its joining the group
 * @param rebalancePause seconds every task stops for in a rebalance
 * @param leaveDelay seconds the tasks of a departed worker stay unassigned after its leave; 0: they
 *     move in the leave's own rebalance (scheduled.rebalance.max.delay.ms=0, Railyard's setting;
 *     5000 measured 7.0 s and a second rebalance)
 * @param flushInterval seconds between a task's offset commits (offset.flush.interval.ms)
 * @param drainTarget seconds of lag the user accepts; lag-seconds above it are the cost of lag
 * @param workerBaseCpu the CPU a worker uses with nothing to do, as a fraction of its vCPU
 */
record Model(
    int partitions,
    int workersMin,
    int workersMax,
    int workerStart,
    int rebalancePause,
    int leaveDelay,
    int flushInterval,
    int drainTarget,
    double workerBaseCpu) {

  /** The parameters of docs/autoscale.md. */
  static Model calibrated() {
    return new Model(12, 1, 6, 8, 1, 0, 5, 60, 0.02);
  }
}
