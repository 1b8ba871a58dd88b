package dev.railyard.host.autoscale;

import dev.railyard.api.platform.WorkerControl;
import dev.railyard.autoscale.collect.WorkerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of the worker processes, read from the operating system: CPU through
 * {@link ProcessHandle}, memory from {@code /proc/<pid>/status} where there is one.
 */
final class ProcessMetrics implements WorkerMetrics {

  private final WorkerControl workers;

  ProcessMetrics(WorkerControl workers) {
    this.workers = workers;
  }

  @Override
  public List<Sample> samples() {
    List<Sample> samples = new ArrayList<>();
    for (WorkerControl.WorkerInfo w : workers.workers()) {
      if (!w.state().equals("RUNNING") || w.pid() <= 0) {
        continue;
      }
      long cpu =
          ProcessHandle.of(w.pid())
              .flatMap(p -> p.info().totalCpuDuration())
              .map(java.time.Duration::toNanos)
              .orElse(-1L);
      samples.add(new Sample(w.name(), cpu, resident(w.pid())));
    }
    return samples;
  }

  static long resident(long pid) {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
