package dev.railyard.host.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.host.config.RailyardConfig;
import dev.railyard.host.config.TopicsConfig;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

  @Test
  void shouldLetTheClusterDecideThreeReplicasOfWhichTwoInSync() {
    assertThat(TopicSettings.resolve(-1, -1, 5)).isEqualTo(new TopicSettings((short) 3, 2));
    assertThat(TopicSettings.resolve(-1, -1, 3)).isEqualTo(new TopicSettings((short) 3, 2));
    assertThat(TopicSettings.resolve(-1, -1, 2)).isEqualTo(new TopicSettings((short) 2, 1));
    assertThat(TopicSettings.resolve(-1, -1, 1)).isEqualTo(new TopicSettings((short) 1, 1));
  }

  @Test
  void shouldKeepWhatIsGivenWhenTheClusterCanHoldIt() {
    assertThat(TopicSettings.resolve(2, 2, 3)).isEqualTo(new TopicSettings((short) 2, 2));
    assertThat(TopicSettings.resolve(-1, 3, 4)).isEqualTo(new TopicSettings((short) 3, 3));
  }

  @Test
  void shouldRefuseMoreReplicasThanLiveBrokersNamingTheSetting() {
    assertThatThrownBy(() -> TopicSettings.resolve(3, -1, 1))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(TopicsConfig.REPLICATION_FACTOR_CONFIG)
        .hasMessageContaining("1 live broker(s)");
  }

  @Test
  void shouldRefuseMoreInSyncReplicasThanReplicasNamingTheSetting() {
    assertThatThrownBy(() -> TopicSettings.resolve(2, 3, 3))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(TopicsConfig.MIN_INSYNC_REPLICAS_CONFIG)
        .hasMessageContaining("cannot exceed the replication factor (2)");
  }

  @Test
  void shouldRefuseZeroAsASettingNamingIt() {
    assertThatThrownBy(
            () -> new RailyardConfig(Map.of(TopicsConfig.REPLICATION_FACTOR_CONFIG, "0"), "test"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(TopicsConfig.REPLICATION_FACTOR_CONFIG);
  }

  @Test
  void shouldGiveEveryNewTopicAndTheWorkersInternalTopicsTheSameReplication() {
    TopicSettings settings = new TopicSettings((short) 3, 2);

    NewTopic topic = settings.newTopic("railyard.rules", 1, Map.of("cleanup.policy", "compact"));

    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
    assertThat(topic.configs())
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("cleanup.policy", "compact");
    assertThat(settings.workerProperties())
        .containsEntry("config.storage.replication.factor", "3")
        .containsEntry("offset.storage.replication.factor", "3")
        .containsEntry("status.storage.replication.factor", "3")
        .containsEntry("config.storage.min.insync.replicas", "2")
        .containsEntry("offset.storage.min.insync.replicas", "2")
        .containsEntry("status.storage.min.insync.replicas", "2");
  }
}
