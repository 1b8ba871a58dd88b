package dev.railyard.sources.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes behind per file and each file's status, on the task's MBean and in Connect's metrics. */
class MetricsTest {

  @TempDir Path dir;

  @Test
  void shouldShowBytesBehindPerFileOnJmxAndNoneOnceRead() throws Exception {
    // given a task on a log of 200 lines, reading 10 events per poll
    Path log = dir.resolve("app.log");
    StringBuilder lines = new StringBuilder();
    for (int n = 0; n < 200; n++) {
      lines.append(LogWriter.line(n));
    }
    Files.writeString(log, lines);
    Map<String, String> props = new HashMap<>(RotationTest.props(log));
    props.put(LogSourceConfig.BATCH_MAX_RECORDS_CONFIG, "10");
    props.put("name", "metrics-test");
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName(
            "dev.railyard.sources.log:type=log-source,connector=\"metrics-test\",task=0");
    Metrics connectMetrics = new Metrics();
    LogSourceTask task = new LogSourceTask();
    task.initialize(
        new ConnectLike(
            props, new PluginMetricsImpl(connectMetrics, Map.of("connector", "metrics-test"))));
    task.start(props);
    try {
      // when it polls once, then until the file is read
      task.poll();
      long behind = (Long) jmx.getAttribute(name, "BytesBehind");
      await("the file read")
          .atMost(Duration.ofSeconds(10))
          .until(() -> task.poll() == null && (Long) jmx.getAttribute(name, "BytesBehind") == 0);

      // then it was behind by what was left, per file too, and says where it reads
      assertThat(behind).isPositive().isLessThan(Files.size(log));
      TabularData byFile = (TabularData) jmx.getAttribute(name, "BytesBehindByFile");
      CompositeData row = byFile.get(new Object[] {log.toString()});
      assertThat(row.get("value")).isEqualTo(0L);
      TabularData status = (TabularData) jmx.getAttribute(name, "FileStatus");
      assertThat(status.get(new Object[] {log.toString()}).get("value").toString())
          .isEqualTo("reading " + log + " at " + Files.size(log));
      assertThat((Long) jmx.getAttribute(name, "EventsRead")).isEqualTo(200L);
      assertThat(connectMetric(connectMetrics, "bytes-behind")).isEqualTo(0L);
      assertThat(connectMetric(connectMetrics, "file-bytes-behind")).isEqualTo(0L);

      // and once the file is deleted (and so read to its end), its gauge goes with its tailer
      Files.delete(log);
      await("the deleted file's gauge gone")
          .atMost(Duration.ofSeconds(10))
          .until(() -> task.poll() == null && !hasMetric(connectMetrics, "file-bytes-behind"));
      assertThat(connectMetric(connectMetrics, "bytes-behind")).isEqualTo(0L);
    } finally {
      task.stop();
    }
    assertThat(jmx.isRegistered(name)).isFalse();
  }

  private static boolean hasMetric(Metrics metrics, String name) {
    return metrics.metrics().keySet().stream().anyMatch(m -> m.name().equals(name));
  }

  private static Object connectMetric(Metrics metrics, String name) {
    return metrics.metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in Connect's metrics"))
        .getValue()
        .metricValue();
  }
}
