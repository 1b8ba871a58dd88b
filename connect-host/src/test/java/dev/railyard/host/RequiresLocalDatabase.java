package dev.railyard.host;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The annotated class needs the local database servers {@link #value()}: when one does not answer,
 * the class is skipped with a message naming it, its address and the fix, or fails under {@code
 * CI=true}. Checked as an {@link ExecutionCondition}, so before any {@code beforeAll} callback
 * (such as {@link WithPlatform}'s platform start), whatever the order of the annotations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresLocalDatabase.Extension.class)
@interface RequiresLocalDatabase {

  Server[] value();

  /**
   * A database server the tests reach on this machine, as {@code scripts/test-prerequisites.sh}
   * sets it up.
   */
  enum Server {
    POSTGRESQL("PostgreSQL", CdcPostgres.HOST, CdcPostgres.PORT),
    MARIADB("MariaDB", CdcMariaSource.HOST, CdcMariaSource.PORT);

    final String product;
    final String host;
    final int port;

    Server(String product, String host, int port) {
      this.product = product;
      this.host = host;
      this.port = port;
    }

    /** Whether something accepts a TCP connection on this server's address within a second. */
    boolean answers() {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public String toString() {
      return product + " on " + host + ":" + port;
    }
  }

  /** Skips (or, under {@code CI=true}, fails) a class whose servers do not answer. */
  final class Extension implements ExecutionCondition {

    private final Predicate<Server> answers;
    private final boolean ci;

    /** The extension JUnit makes: real TCP probes, CI from the environment variable {@code CI}. */
    public Extension() {
      this(Server::answers, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    Extension(Predicate<Server> answers, boolean ci) {
      this.answers = answers;
      this.ci = ci;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
        return ConditionEvaluationResult.enabled("checked once for the class");
      }
      RequiresLocalDatabase needs =
          context.getRequiredTestClass().getAnnotation(RequiresLocalDatabase.class);
      ConditionEvaluationResult result = check(needs == null ? List.of() : List.of(needs.value()));
      if (result.isDisabled()) {
        // surefire's summary shows only a count of skipped tests: say why where it is seen
        System.err.println(
            "SKIPPED " + context.getDisplayName() + ": " + result.getReason().orElse(""));
      }
      return result;
    }

    /**
     * Enabled when every server answers; otherwise disabled (a skipped class, reported with the
     * message naming the missing servers and the fix), or under CI an {@link AssertionError} (a
     * failed class). A disabled result, not an assumption: JUnit reports an exception thrown by a
     * condition, an aborted assumption too, as an error.
     */
    ConditionEvaluationResult check(List<Server> needed) {
      List<Server> missing = needed.stream().filter(answers.negate()).toList();
      if (missing.isEmpty()) {
        return ConditionEvaluationResult.enabled("all of " + needed + " answer");
      }
      String message = message(missing);
      if (ci) {
        throw new AssertionError(message + " (CI=true: a database test may not be skipped)");
      }
      return ConditionEvaluationResult.disabled(message);
    }

    static String message(List<Server> missing) {
      return Stream.of(
              missing.stream()
                  .map(Server::toString)
                  .collect(Collectors.joining(" and ", "", " did not answer")),
              "run ./railyard test, which installs and starts it,"
                  + " or scripts/test-prerequisites.sh alone")
          .collect(Collectors.joining("; "));
    }
  }
}
