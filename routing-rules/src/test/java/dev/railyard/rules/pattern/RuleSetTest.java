package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleSetTest {

  @Test
  void shouldReturnTheNamesOfAllMatchingRulesInOrder() {
    RuleSet rules =
        RuleSet.of(
            orderedMap(
                "paid", "{\"type\": [\"order.paid\"]}",
                "big", "{\"data\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}",
                "us", "{\"data\": {\"country\": [\"US\"]}}"));

    assertThat(
            rules.matches(
                "{\"type\": \"order.paid\", \"data\": {\"amount\": 150, \"country\": \"FR\"}}"))
        .containsExactly("paid", "big");
    assertThat(rules.matches("{\"type\": \"x\"}")).isEmpty();
  }

  @Test
  void shouldBuildNewSnapshotsWithoutChangingTheOldOne() {
    RuleSet one = RuleSet.of(Map.of("a", "{\"x\": [1]}"));

    RuleSet two = one.with("b", "{\"x\": [{\"numeric\": [\">\", 0]}]}");
    RuleSet three = two.without("a");

    assertThat(one.matches("{\"x\": 1}")).containsExactly("a");
    assertThat(two.matches("{\"x\": 1}")).containsExactly("a", "b");
    assertThat(three.matches("{\"x\": 1}")).containsExactly("b");
  }

  @Test
  void shouldNameTheRuleInEveryProblem() {
    assertThatThrownBy(
            () ->
                RuleSet.of(orderedMap("ok", "{\"a\": [1]}", "broken", "{\"a\": [{\"nope\": 1}]}")))
        .isInstanceOf(PatternException.class)
        .hasMessageContaining("broken: a: unknown operator \"nope\"");
  }

  @Test
  void shouldMatchExactlyWhatEachPatternMatchesAlone() {
    Random random = new Random(7);
    RandomPatterns patterns = new RandomPatterns(random);
    RandomEvents events = new RandomEvents(random);
    Map<String, String> sources = new LinkedHashMap<>();
    List<Pattern> compiled = new ArrayList<>();
    while (sources.size() < 300) {
      String p = patterns.pattern();
      if (Pattern.check(p).isEmpty()) {
        compiled.add(Pattern.compile(p));
        sources.put("r" + sources.size(), p);
      }
    }
    RuleSet rules = RuleSet.of(sources);

    for (int i = 0; i < 2000; i++) {
      String event = events.event();
      List<String> expected = new ArrayList<>();
      for (int r = 0; r < compiled.size(); r++) {
        if (compiled.get(r).matches(event)) {
          expected.add("r" + r);
        }
      }
      assertThat(rules.matches(event)).as(event).isEqualTo(expected);
    }
  }

  @Test
  void shouldFileRulesUnderTheirMostSelectiveField() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < 2000; i++) {
      sources.put("r" + i, "{\"source\": [\"orders\"], \"detail\": {\"id\": [" + i + "]}}");
    }
    RuleSet rules = RuleSet.of(sources);

    assertThat(rules.matches("{\"source\": \"orders\", \"detail\": {\"id\": 1500}}"))
        .containsExactly("r1500");
    assertThat(rules.matches("{\"source\": \"billing\", \"detail\": {\"id\": 1500}}")).isEmpty();
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
