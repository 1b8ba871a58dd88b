package dev.railyard.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ConnectException("endpoint down", new IOException("refused")), true),
        Arguments.of(new ConnectException(new SQLException("connection lost")), true),
        Arguments.of(new RetriableException("busy"), true),
        Arguments.of(new IllegalStateException("pool closed"), true),
        Arguments.of(new DataException("no such column"), false),
        Arguments.of(new IllegalArgumentException("bad date"), false),
        Arguments.of(new ClassCastException("not a Struct"), false),
        Arguments.of(new NullPointerException("template has no metadata"), false),
        Arguments.of(new IndexOutOfBoundsException("column 7"), false),
        Arguments.of(new DataException("throttled", new RetriableException("try later")), true));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void shouldRetryWhatMayPassLaterAndDeadLetterWhatNeverWill(
      RuntimeException failure, boolean retriable) {
    assertThat(Failures.retriable(failure)).as(failure.toString()).isEqualTo(retriable);
  }

  @ParameterizedTest
  @MethodSource("failures")
  void shouldDescribeAFailureByItsRootCause(RuntimeException failure, boolean ignored) {
    String[] why = Failures.describe(failure);
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(why[0])
        .isEqualTo(
            root.getMessage() == null ? failure.getClass().getName() : root.getClass().getName());
  }
}
