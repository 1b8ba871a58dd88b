package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.UnavailableException;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnexpectedFailuresTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  private final Captured log = new Captured();
  private final Logger errors = (Logger) LogManager.getLogger(ErrorRoutes.class);

  @BeforeEach
  void capture() {
    log.start();
    errors.addAppender(log);
  }

  @AfterEach
  void release() {
    errors.removeAppender(log);
    log.stop();
  }

  @Test
  void shouldAnswer500WithAnErrorIdThatIsInTheLogWhenThePlatformFailsUnexpectedly() {
    api.platform().rules.failure = new IllegalStateException("secret internal state");

    HttpResponse<String> response = api.get("/api/v1/rules");

    assertThat(response.statusCode()).isEqualTo(500);
    JsonObject error = RunningApi.error(response);
    String errorId = error.getJsonObject("details").getString("errorId");
    assertThat(error.getString("code")).isEqualTo("INTERNAL_ERROR");
    assertThat(errorId).isNotBlank();
    assertThat(error.getString("message")).contains("error id " + errorId);
    assertThat(response.body()).doesNotContain("secret", "IllegalStateException", "at dev.");
    assertThat(log.events)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getMessage().getFormattedMessage()).contains(errorId, "/api/v1/rules");
              assertThat(e.getThrown()).hasMessage("secret internal state");
            });
  }

  @Test
  void shouldGiveEachUnexpectedFailureItsOwnErrorId() {
    api.platform().connectors.failure = new NullPointerException();

    String first = errorId(api.get("/api/v1/connectors"));
    String second = errorId(api.get("/api/v1/connectors"));

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void shouldAnswer503OnlyWhenADependencyIsDown() {
    api.platform().rules.failure = new UnavailableException("the broker did not answer", null);
    HttpResponse<String> typed = api.get("/api/v1/rules");
    api.platform().connectors.failure =
        new UncheckedIOException(new ConnectException("Connection refused"));
    HttpResponse<String> io = api.get("/api/v1/connectors");

    assertThat(typed.statusCode()).isEqualTo(503);
    assertThat(RunningApi.error(typed).getString("code")).isEqualTo("RULES_UNAVAILABLE");
    assertThat(RunningApi.error(typed).getString("message"))
        .isEqualTo("The rules could not be reached: the broker did not answer");
    assertThat(io.statusCode()).isEqualTo(503);
    assertThat(RunningApi.error(io).getString("code")).isEqualTo("CONNECT_UNAVAILABLE");
    assertThat(log.events).isEmpty();
  }

  @Test
  void shouldAnswer500WhenThePublisherFailsWithABug() {
    api.platform().events.stageFailure = new ClassCastException("a bug");

    HttpResponse<String> response = api.sendJson("POST", "/api/v1/events", "[{\"bus\":\"o\"}]");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(RunningApi.error(response).getJsonObject("details").getString("errorId"))
        .isNotBlank();
  }

  private static String errorId(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(500);
    return RunningApi.error(response).getJsonObject("details").getString("errorId");
  }

  /** Keeps the events logged while a test runs. */
  private static final class Captured extends AbstractAppender {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();

    Captured() {
      super("captured", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      events.add(event.toImmutable());
    }
  }
}
