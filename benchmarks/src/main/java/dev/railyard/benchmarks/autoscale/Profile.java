package dev.railyard.benchmarks.autoscale;

/**
 * What one record costs a sink task: the time it waits on its target and the CPU it burns.
 *
 * @param name how the tables call it
 * @param taskRate records per second one task drains when its worker has CPU to spare
 * @param cpuPerRecord vCPU-seconds one record costs its worker
 */
record Profile(String name, double taskRate, double cpuPerRecord) {

  /** The slow HTTP target: 50 ms a call, 20/s per task; 2 ms of CPU a record. */
  static final Profile IO_BOUND = new Profile("IO-bound", 20, 0.002);

  /** A converting, transforming sink: one task alone fills its worker's vCPU at 250/s. */
  static final Profile CPU_BOUND = new Profile("CPU-bound", 250, 0.004);

  /** Records per second one task drains with a worker to itself: the unit traces are given in. */
  double unit(Model model) {
    return Math.min(taskRate, (1 - model.workerBaseCpu()) / cpuPerRecord);
  }
}
