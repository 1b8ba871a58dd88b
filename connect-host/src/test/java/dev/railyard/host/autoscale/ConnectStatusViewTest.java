package dev.railyard.host.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.autoscale.collect.ConnectorState;
import dev.railyard.autoscale.policy.ConnectorLoad.Kind;
import org.junit.jupiter.api.Test;

class ConnectStatusViewTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReadConfigStateAndTasksAndTellRoutersFromSinksAndSources() throws Exception {
    // an entry of GET /connectors?expand=status&expand=info, as Kafka Connect answers it
    String router =
        """
        {"info": {"name": "railyard.router.orders", "type": "sink",
                  "config": {"connector.class": "dev.railyard.rules.connect.RouterSinkConnector",
                             "tasks.max": "3", "topics": "railyard.bus.orders"}, "tasks": []},
         "status": {"name": "railyard.router.orders", "type": "sink",
                    "connector": {"state": "RUNNING", "worker_id": "127.0.0.1:8083"},
                    "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "127.0.0.1:8083"},
                              {"id": 1, "state": "FAILED", "worker_id": "127.0.0.1:8084"}]}}
        """;
    ConnectorState state = ConnectStatusView.state("railyard.router.orders", JSON.readTree(router));

    assertThat(state.kind()).isEqualTo(Kind.ROUTER);
    assertThat(state.state()).isEqualTo("RUNNING");
    assertThat(state.tasksMax()).isEqualTo(3);
    assertThat(state.runningTasks()).isEqualTo(1);
    assertThat(state.topics()).containsExactly("railyard.bus.orders");
    assertThat(state.group()).isEqualTo("connect-railyard.router.orders");
    assertThat(state.tasks().get(1).workerId()).isEqualTo("127.0.0.1:8084");

    String source =
        """
        {"info": {"type": "source", "config": {"connector.class": "X"}},
         "status": {"type": "source", "connector": {"state": "PAUSED"}, "tasks": []}}
        """;
    assertThat(ConnectStatusView.state("cdc", JSON.readTree(source)).kind()).isEqualTo(Kind.SOURCE);
    String sink =
        """
        {"info": {"type": "sink", "config": {"connector.class": "FileStreamSink",
                  "topics": "a, b", "consumer.override.group.id": "mine"}},
         "status": {"type": "sink", "connector": {"state": "RUNNING"}, "tasks": []}}
        """;
    ConnectorState file = ConnectStatusView.state("file", JSON.readTree(sink));
    assertThat(file.kind()).isEqualTo(Kind.SINK);
    assertThat(file.topics()).containsExactly("a", "b");
    assertThat(file.group()).isEqualTo("mine");
  }

  @Test
  void shouldReadASourcesCommittedOffsetsAsConnectAnswersThem() throws Exception {
    // GET /connectors/app-logs/offsets of a log source (KIP-875), with one offset of an older
    // version (no size) and an entry without an offset
    String answer =
        """
        {"offsets": [
          {"partition": {"path": "/var/log/app/a.log"},
           "offset": {"position": 81234, "size": 90211, "fingerprint": "ab", "inode": "(ino=7)",
                      "fingerprint.bytes": 1024, "file": "/var/log/app/a.log"}},
          {"partition": {"path": "/var/log/app/b.log"},
           "offset": {"position": 512, "fingerprint": "cd", "inode": "(ino=8)"}},
          {"partition": {"path": "/var/log/app/c.log"}, "offset": null}]}
        """;

    var offsets = ConnectStatusView.offsets(JSON.readTree(answer));

    assertThat(offsets).hasSize(2);
    assertThat(offsets.get(0).partition()).containsEntry("path", "/var/log/app/a.log");
    assertThat(((Number) offsets.get(0).offset().get("size")).longValue()).isEqualTo(90211);
    assertThat(((Number) offsets.get(0).offset().get("position")).longValue()).isEqualTo(81234);
    assertThat(offsets.get(1).offset()).doesNotContainKey("size");
  }
}
