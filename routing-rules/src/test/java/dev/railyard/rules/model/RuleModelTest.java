package dev.railyard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleModelTest {

  private static final Target TARGET =
      new Target("t", new Target.Connector("c"), RetryPolicy.DEFAULT, true);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "0",
        "paid-orders",
        "a1-b2",
        "x23456789012345678901234567890123456789012345678901234567890123"
      })
  void shouldAcceptLabelNames(String name) {
    assertThat(Names.ruleNameProblem(name)).isEmpty();
    assertThat(Names.targetNameProblem(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-a",
        "a-",
        "A",
        "a_b",
        "a.b",
        "a b",
        "é",
        "x234567890123456789012345678901234567890123456789012345678901234"
      })
  void shouldRejectNamesThatCannotBePartsOfTopicNames(String name) {
    assertThat(Names.ruleNameProblem(name))
        .get()
        .asString()
        .startsWith("'" + name + "' is not a valid rule name");
    assertThatThrownBy(
            () -> new Rule(name, "bus", true, "{}", new Transform.WholeEvent(), List.of(TARGET)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAcceptBusNamesUpTo200Characters() {
    assertThat(Names.busNameProblem("Orders_EU-1")).isEmpty();
    assertThat(Names.busNameProblem("a".repeat(200))).isEmpty();
    assertThat(Names.busNameProblem("a".repeat(201))).isPresent();
    assertThat(Names.busNameProblem("_orders")).isPresent();
    assertThat(Names.busNameProblem("orders.eu")).isPresent();
  }

  @Test
  void shouldKeepARuleWithoutTargetsAndRefuseTwoTargetsOfOneName() {
    assertThat(new Rule("r", "b", true, "{}", new Transform.WholeEvent(), List.of()).targets())
        .isEmpty();
    assertThatThrownBy(
            () ->
                new Rule("r", "b", true, "{}", new Transform.WholeEvent(), List.of(TARGET, TARGET)))
        .hasMessage("rule r has two targets named t");
  }

  @Test
  void shouldBoundRetryPolicyLikeEventBridge() {
    assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(185, 86_400));
    assertThatThrownBy(() -> new RetryPolicy(186, 60))
        .hasMessage("maxAttempts must be between 0 and 185, not 186");
    assertThatThrownBy(() -> new RetryPolicy(0, 59))
        .hasMessage("maxAgeSeconds must be between 60 and 86400, not 59");
  }

  @Test
  void shouldDoubleTheBackoffUpToItsCeilingWithJitterThatNeverReachesZero() {
    RetryPolicy policy = new RetryPolicy(10, 60, 100, 1000);
    java.util.Random random = new java.util.Random(42);
    long[][] bounds = {{50, 100}, {100, 200}, {200, 400}, {400, 800}, {500, 1000}, {500, 1000}};

    for (int retry = 1; retry <= bounds.length; retry++) {
      for (int i = 0; i < 200; i++) {
        assertThat(policy.backoffMs(retry, random))
            .as("retry %d", retry)
            .isBetween(bounds[retry - 1][0], bounds[retry - 1][1]);
      }
    }
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(policy.backoffMs(3, random));
    }
    assertThat(seen).as("jitter spreads the waits").hasSizeGreaterThan(10);
    assertThat(new RetryPolicy(185, 86_400, 1000, 60_000).backoffMs(185, random))
        .isBetween(30_000L, 60_000L);
    assertThatThrownBy(() -> new RetryPolicy(1, 60, 500, 100))
        .hasMessage("maxBackoffMs must be between initialBackoffMs (500) and 3600000, not 100");
  }

  @Test
  void shouldRequireAConnectorClassAndRefuseKeysRailyardSetsInInlineConfigs() {
    assertThatThrownBy(() -> new Target.Inline(Map.of("tasks.max", "1")))
        .hasMessage("an inline config needs connector.class");
    assertThatThrownBy(() -> new Target.Inline(Map.of("connector.class", "X", "topics", "t")))
        .hasMessage("'topics' is set by Railyard; remove it");
    assertThatThrownBy(() -> new Target.Connector(" padded"))
        .hasMessageContaining("not a valid connector name");
  }

  @Test
  void shouldKeepInlineConfigInTheOrderWrittenAndUnmodifiable() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "X");
    config.put("b", "2");
    config.put("a", "1");

    Target.Inline inline = new Target.Inline(config);
    config.put("c", "3");

    assertThat(inline.config().keySet()).containsExactly("connector.class", "b", "a");
    assertThatThrownBy(() -> inline.config().put("d", "4"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
