package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.OffsetChange;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OffsetChangeTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldReadConnectsShapeAndWriteItBack() {
    Map<String, Object> forget = new HashMap<>();
    forget.put("partition", Map.of("filename", "a.log"));
    forget.put("offset", null);
    Map<String, Object> body =
        Map.of(
            "offsets",
            List.of(
                Map.of(
                    "partition", Map.of("kafka_topic", "t", "kafka_partition", 0),
                    "offset", Map.of("kafka_offset", 5)),
                forget));

    OffsetChange change = OffsetChange.parse(body);

    assertThat(change.offsets()).hasSize(2);
    assertThat(change.offsets().get(1).offset()).isNull();
    assertThat(change.toConnect()).isEqualTo(body);
  }

  @Test
  void shouldNameTheFieldOfAMalformedChange() {
    assertThatThrownBy(() -> OffsetChange.parse(Map.of())).hasMessageStartingWith("offsets: ");
    assertThatThrownBy(() -> OffsetChange.parse(Map.of("offsets", List.of())))
        .hasMessageStartingWith("offsets: at least one");
    assertThatThrownBy(() -> OffsetChange.parse(Map.of("offsets", List.of(Map.of("offset", 1)))))
        .hasMessageStartingWith("offsets[0].");
    assertThatThrownBy(
            () ->
                OffsetChange.parse(
                    Map.of(
                        "offsets", List.of(Map.of("partition", Map.of("p", 1), "offset", "42")))))
        .hasMessageStartingWith("offsets[0].offset: ");
  }

  @Test
  void shouldAnswer400NamingTheFieldAndNotCallThePlatform() {
    HttpResponse<String> response =
        api.sendJson(
            "PATCH",
            "/api/v1/connectors/a/offsets",
            "{\"offsets\": [{\"partition\": {\"kafka_topic\": \"t\"}, \"offset\": 7}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getJsonObject("details").getString("field"))
        .isEqualTo("offsets[0].offset");
    assertThat(api.platform().connectors.calls).isEmpty();
  }
}
