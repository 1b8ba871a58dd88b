package dev.railyard.host;

import static dev.railyard.host.RequiresLocalDatabase.Server.MARIADB;
import static dev.railyard.host.RequiresLocalDatabase.Server.POSTGRESQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railyard.host.RequiresLocalDatabase.Extension;
import dev.railyard.host.RequiresLocalDatabase.Server;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** What a class marked {@link RequiresLocalDatabase} does, for each probe outcome, in CI or not. */
class RequiresLocalDatabaseTest {

  private static final List<Server> BOTH = List.of(POSTGRESQL, MARIADB);

  @Test
  void shouldRunTheClassWhenEveryServerAnswersOutsideCi() {
    assertThat(new Extension(server -> true, false).check(BOTH).isDisabled()).isFalse();
  }

  @Test
  void shouldRunTheClassWhenEveryServerAnswersUnderCi() {
    assertThat(new Extension(server -> true, true).check(BOTH).isDisabled()).isFalse();
  }

  @Test
  void shouldSkipTheClassNamingTheServerItsAddressAndTheFixOutsideCi() {
    Extension extension = new Extension(server -> server != MARIADB, false);

    ConditionEvaluationResult result = extension.check(BOTH);

    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .get(InstanceOfAssertFactories.STRING)
        .contains("MariaDB on 127.0.0.1:3306 did not answer")
        .contains("./railyard test")
        .contains("scripts/test-prerequisites.sh")
        .doesNotContain("PostgreSQL");
  }

  @Test
  void shouldFailTheClassUnderCi() {
    Extension extension = new Extension(server -> false, true);

    assertThatThrownBy(() -> extension.check(BOTH))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PostgreSQL on 127.0.0.1:5432 and MariaDB on 127.0.0.1:3306")
        .hasMessageContaining("CI=true");
  }
}
