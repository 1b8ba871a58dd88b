package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.host.connectors.ConnectRest.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectRefusalsTest {

  @ParameterizedTest(name = "Connect {0} -> {1} {2}")
  @CsvSource({
    "400, INVALID, INVALID_REQUEST",
    "404, NOT_FOUND, NOT_FOUND",
    "409, CONFLICT, CONFLICT",
    "401, UNAVAILABLE, CONNECT_401",
    "403, UNAVAILABLE, CONNECT_403",
    "408, UNAVAILABLE, CONNECT_408",
    "429, UNAVAILABLE, CONNECT_429",
    "405, INVALID, CONNECT_405",
    "415, INVALID, CONNECT_415",
    "500, UNAVAILABLE, CONNECT_ERROR",
    "503, UNAVAILABLE, CONNECT_ERROR"
  })
  void shouldTurnConnectsRefusalIntoTheKindTheApiAnswers(int status, Kind kind, String code) {
    Outcome.Refused<?> refused = ConnectorService.fromConnect(answer(status, "no good"));

    assertThat(refused.kind()).isEqualTo(kind);
    assertThat(refused.code()).isEqualTo(code);
    assertThat(refused.message()).isEqualTo("Kafka Connect: no good");
  }

  @ParameterizedTest(name = "Connect {0} on a call of Railyard's own -> dependency down")
  @CsvSource({"500", "503", "409"})
  void shouldCallConnectDownWhenItFailsOrStaysBusy(int status) {
    assertThatThrownBy(() -> answer(status, "busy").orThrow())
        .isInstanceOf(UnavailableException.class)
        .hasMessage("Kafka Connect answered " + status + ": busy");
  }

  @ParameterizedTest(name = "Connect {0} on a call of Railyard's own -> Railyard's mistake")
  @CsvSource({"400", "404"})
  void shouldCallOtherRefusalsOfItsOwnCallsAMistake(int status) {
    assertThatThrownBy(() -> answer(status, "wrong").orThrow())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Kafka Connect answered " + status + ": wrong");
  }

  private static Answer answer(int status, String message) {
    return new Answer(status, ConnectRest.MAPPER.createObjectNode().put("message", message));
  }
}
