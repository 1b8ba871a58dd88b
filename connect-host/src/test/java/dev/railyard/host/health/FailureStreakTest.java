package dev.railyard.host.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureStreakTest {

  private static final String LOGGER = "dev.railyard.host.health.FailureStreakTest.figures";

  private final Recorder recorded = new Recorder();
  private final Logger logger = (Logger) LogManager.getLogger(LOGGER);
  private final FailureStreak streak =
      new FailureStreak(LoggerFactory.getLogger(LOGGER), "Reading the target figures");

  FailureStreakTest() {
    recorded.start();
    logger.addAppender(recorded);
  }

  @AfterEach
  void detach() {
    logger.removeAppender(recorded);
  }

  @Test
  void shouldWarnOnceForAStreakOfFailuresAndSayWhenItEnds() {
    // given figures failing at three polls in a row, then read again twice
    streak.failed("TimeoutException: listOffsets timed out");
    streak.failed("TimeoutException: listOffsets timed out");
    streak.failed("DisconnectException");
    streak.succeeded();
    streak.succeeded();

    // then one WARN with the first reason, one INFO for the recovery
    assertThat(recorded.lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("Reading the target figures failed", "listOffsets timed out");
    assertThat(recorded.lines(Level.INFO))
        .singleElement()
        .asString()
        .contains("works again after 3 failure(s)");
  }

  @Test
  void shouldDescribeTheStreakWithItsLatestReasonUntilItEnds() {
    assertThat(streak.describe()).isEmpty();

    streak.failed("first");
    streak.failed("DisconnectException");

    assertThat(streak.current()).get().extracting(FailureStreak.Streak::failures).isEqualTo(2);
    assertThat(streak.describe())
        .get()
        .asString()
        .startsWith("Reading the target figures has failed 2 time(s) since ")
        .endsWith(": DisconnectException");

    streak.succeeded();
    assertThat(streak.describe()).isEmpty();
  }

  @Test
  void shouldWarnAgainWhenANewStreakBegins() {
    streak.failed("one");
    streak.succeeded();
    streak.failed("two");

    assertThat(recorded.lines(Level.WARN)).hasSize(2);
  }

  private static final class Recorder extends AbstractAppender {
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    Recorder() {
      super("failure-streak-test", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      events.add(event.toImmutable());
    }

    List<String> lines(Level level) {
      return events.stream()
          .filter(e -> e.getLevel() == level)
          .map(e -> e.getMessage().getFormattedMessage())
          .toList();
    }
  }
}
