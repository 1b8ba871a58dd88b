package dev.railyard.api.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.UnavailableException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Platform refusals and failures as the AWS errors the SDKs map to exception classes. */
class AwsCallsTest {

  @Test
  void shouldMapEachKindOfRefusalToAnAwsErrorType() {
    assertThat(type(Outcome.Kind.NOT_FOUND, "NOT_FOUND")).isEqualTo("ResourceNotFoundException");
    assertThat(type(Outcome.Kind.INVALID, "INVALID_RULES")).isEqualTo("ValidationException");
    assertThat(type(Outcome.Kind.INVALID, "INVALID_PATTERN"))
        .isEqualTo("InvalidEventPatternException");
    assertThat(type(Outcome.Kind.FORBIDDEN, "BUS_NOT_ALLOWED")).isEqualTo("AccessDeniedException");
    assertThat(type(Outcome.Kind.CONFLICT, "X")).isEqualTo("ConcurrentModificationException");
    assertThat(type(Outcome.Kind.TOO_LARGE, "X")).isEqualTo("LimitExceededException");
    assertThat(
            AwsCalls.error(Outcome.refused(Outcome.Kind.UNAVAILABLE, "X", "down", null)).status())
        .isEqualTo(503);
  }

  @Test
  void shouldKeepTheRefusalsMessageAndPassASuccessThrough() {
    assertThatThrownBy(
            () ->
                AwsCalls.body(
                    Outcome.refused(
                        Outcome.Kind.NOT_FOUND, "NOT_FOUND", "rule 'x' does not exist", null)))
        .hasMessage("rule 'x' does not exist");
    assertThat(AwsCalls.body(Outcome.ok("body"))).isEqualTo("body");
  }

  @Test
  void shouldTreatADependencyThatIsDownAsA503AndABugAsItself() {
    Throwable down =
        AwsCalls.classify(new CompletionException(new UnavailableException("Kafka is down", null)));
    IllegalStateException bug = new IllegalStateException("bug");

    assertThat(down)
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("Kafka is down");
    assertThat(AwsCalls.classify(new CompletionException(bug))).isSameAs(bug);
  }

  private static String type(Outcome.Kind kind, String code) {
    return AwsCalls.error(Outcome.refused(kind, code, "m", null)).type();
  }
}
