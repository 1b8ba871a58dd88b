package dev.railyard.benchmarks.autoscale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MSK Connect's autoscaled capacity: the workers' average CPU over each minute (its CloudWatch
 * CpuUtilization period); above 80 % one worker more, below 20 % one fewer, then a cool-down of 300
 * s (assumed: MSK Connect does not document one; Application Auto Scaling's default). tasks.max
 * follows the workers: workers × MCUs (1) × 2. Each scaling changes both at once.
 */
final class MskCpu implements Autoscaler {

  static final double SCALE_OUT = 0.8;
  static final double SCALE_IN = 0.2;
  static final int PERIOD = 60;
  static final int COOLDOWN = 300;
  static final int MCU = 1;
  static final int TASKS_PER_MCU = 2;

  private final List<String> journal = new ArrayList<>();
  private double cpuSum;
  private int cpuSeconds;
  private long lastScaled = -COOLDOWN;

  @Override
  public String name() {
    return "MSK-style CPU";
  }

  @Override
  public int initialTasks(Model model) {
    return model.workersMin() * MCU * TASKS_PER_MCU;
  }

  @Override
  public void tick(Cluster c) {
    cpuSum += c.cpu();
    cpuSeconds++;
    long now = c.second();
    if (now % PERIOD != 0) {
      return;
    }
    double cpu = cpuSum / cpuSeconds;
    cpuSum = 0;
    cpuSeconds = 0;
    if (now - lastScaled < COOLDOWN || c.workersJoined() != c.workersLaunched()) {
      return;
    }
    int current = c.workersLaunched();
    int next = cpu > SCALE_OUT ? current + 1 : cpu < SCALE_IN ? current - 1 : current;
    next = Math.max(c.model().workersMin(), Math.min(c.model().workersMax(), next));
    if (next != current) {
      journal.add(
          String.format(
              Locale.ROOT, "%d s: CPU %.0f %%; workers %d → %d", now, cpu * 100, current, next));
      lastScaled = now;
      c.workers(next);
      c.tasksMax(next * MCU * TASKS_PER_MCU);
    }
  }

  @Override
  public List<String> journal() {
    return journal;
  }
}
