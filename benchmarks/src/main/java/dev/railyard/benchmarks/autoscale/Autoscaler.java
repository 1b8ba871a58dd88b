package dev.railyard.benchmarks.autoscale;

import java.util.List;

/** A scaling policy driving the simulated cluster: Railyard's, KEDA with the HPA, MSK Connect's. */
interface Autoscaler {

  /** How the tables call it. */
  String name();

  /** The connector's tasks.max when the run starts, with the fewest workers. */
  int initialTasks(Model model);

  /** Called once a simulated second, after the cluster stepped; acts on it as it decides. */
  void tick(Cluster cluster);

  /** Each action taken, with its second and why, for {@code Simulator --explain}. */
  List<String> journal();
}
