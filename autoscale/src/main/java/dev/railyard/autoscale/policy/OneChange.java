package dev.railyard.autoscale.policy;

import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import dev.railyard.autoscale.policy.Decision.Cause;
import dev.railyard.autoscale.policy.Decision.TaskChange;
import dev.railyard.autoscale.policy.Decision.WorkerChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One change a step: every change of a connector's {@code tasks.max} and every worker joining or
 * leaving is a rebalance of the Connect group, so a decision keeps at most one of the changes the
 * policy wants, and none while the change before it is still under way; the others are {@link
 * Cause#QUEUED} and come at the next steps. What goes first: more tasks for a backlogged connector
 * (the longest lag first: they add capacity on the workers there are), then a worker more, then
 * fewer tasks, then a worker less. Pure.
 */
final class OneChange {

  private OneChange() {}

  /**
   * Keeps one of the changes of {@code tasks} (replaced in place) and {@code workers}.
   *
   * @return the worker change, {@code workers} itself or queued
   */
  static WorkerChange keepOne(
      ClusterSnapshot snapshot,
      PolicySettings s,
      PolicyMemory memory,
      PolicyMemory.Builder next,
      List<TaskChange> tasks,
      WorkerChange workers) {
    int heading = snapshot.workersDesired();
    List<Integer> ups = new ArrayList<>();
    List<Integer> downs = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskChange t = tasks.get(i);
      if (t.desired() > t.current()) {
        ups.add(i);
      } else if (t.desired() < t.current()) {
        downs.add(i);
      }
    }
    ups.sort(
        Comparator.comparingDouble((Integer i) -> -snapshot.connectors().get(i).lagSeconds())
            .thenComparing(i -> tasks.get(i).connector()));
    boolean workersChange = workers.desired() != heading;
    Optional<String> underWay = underWay(snapshot, s, memory);
    Integer first =
        underWay.isPresent() ? null : first(ups, downs, workersChange, workers.desired() > heading);
    String why =
        underWay.isPresent()
            ? "waiting for the change under way: " + underWay.get()
            : "one change at a time, " + label(first, tasks, workers, heading);
    List<Integer> changing = new ArrayList<>(ups);
    changing.addAll(downs);
    for (int i : changing) {
      if (first == null || first != i) {
        TaskChange t = tasks.get(i);
        next.unchanged(t.connector());
        tasks.set(i, queued(t, why));
      }
    }
    if (workersChange && (first == null || first != -1)) {
      next.unchanged(PolicyMemory.WORKERS);
      String reason = workers.reason();
      int cut = reason.indexOf("; workers ");
      String load = cut < 0 ? reason : reason.substring(0, cut);
      return new WorkerChange(
          workers.current(),
          heading,
          Cause.QUEUED,
          load + "; workers stay " + heading + " (" + workers.desired() + " next; " + why + ")");
    }
    return workers;
  }

  /** -1: the worker change; the index of a task change otherwise; null: none goes. */
  private static Integer first(
      List<Integer> ups, List<Integer> downs, boolean workersChange, boolean workersUp) {
    if (!ups.isEmpty()) {
      return ups.get(0);
    }
    if (workersChange && workersUp) {
      return -1;
    }
    if (!downs.isEmpty()) {
      return downs.get(0);
    }
    return workersChange ? -1 : null;
  }

  /**
   * Why Connect may still be rebalancing after the last change: workers starting or stopping, or
   * since the last change (within its settle time, so that a failed task does not block scaling) a
   * sink, router or scaled source whose tasks do not all run at its count yet. Empty when it is
   * done.
   */
  static Optional<String> underWay(
      ClusterSnapshot snapshot, PolicySettings s, PolicyMemory memory) {
    if (snapshot.workersRunning() != snapshot.workersDesired()) {
      return Optional.of(
          "workers " + snapshot.workersRunning() + " of " + snapshot.workersDesired() + " running");
    }
    Instant last = memory.lastChange();
    if (last == null || !last.isAfter(snapshot.at().minus(Stabilizer.settleTime(s)))) {
      return Optional.empty();
    }
    for (ConnectorLoad c : snapshot.connectors()) {
      boolean scaled = c.kind() != Kind.SOURCE || c.backlog().isPresent();
      // a source runs no more tasks than it can use (the log source: one per pattern)
      int expected = c.backlog().isPresent() ? Math.min(c.tasks(), c.mostTasks()) : c.tasks();
      if (scaled && c.state().equals("RUNNING") && c.runningTasks() != expected) {
        return Optional.of(
            c.name() + " has " + c.runningTasks() + " of " + expected + " tasks running");
      }
    }
    return Optional.empty();
  }

  private static String label(
      Integer first, List<TaskChange> tasks, WorkerChange workers, int heading) {
    if (first == null) {
      return "";
    }
    if (first == -1) {
      return "workers " + heading + " → " + workers.desired() + " first";
    }
    TaskChange t = tasks.get(first);
    return t.connector() + "'s tasks " + t.current() + " → " + t.desired() + " first";
  }

  private static TaskChange queued(TaskChange t, String why) {
    int cut = t.reason().indexOf("; tasks ");
    String load = cut < 0 ? t.reason() : t.reason().substring(0, cut);
    return new TaskChange(
        t.connector(),
        t.current(),
        t.current(),
        Cause.QUEUED,
        load + "; tasks stay " + t.current() + " (" + t.desired() + " next; " + why + ")");
  }
}
