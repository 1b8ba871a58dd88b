package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two extensions beyond EventBridge: regex and CloudEvents subscription filters. */
class ExtensionsTest {

  private static final String ORDER =
      "{\"specversion\": \"1.0\", \"type\": \"com.shop.order.paid\", "
          + "\"source\": \"/shop/eu\", \"id\": \"1\", \"data\": {\"amount\": 12}}";

  @Test
  void shouldMatchTheWholeStringWithRegex() {
    Pattern p =
        Pattern.compile(
            "{\"type\": [{\"regex\": \"com\\\\.shop\\\\.order\\\\.(paid|refunded)\"}]}");

    assertThat(p.matches(ORDER)).isTrue();
    assertThat(p.matches("{\"type\": \"com.shop.order.paid.v2\"}")).isFalse();
    assertThat(p.matches("{\"type\": 5}")).isFalse();
  }

  @Test
  void shouldStayLinearOnRegexThatBacktrackingEnginesChokeOn() {
    Pattern p = Pattern.compile("{\"a\": [{\"regex\": \"(a+)+b\"}]}");

    assertThat(p.matches("{\"a\": \"" + "a".repeat(10_000) + "c\"}")).isFalse();
  }

  @Test
  void shouldRejectInvalidRegexWithItsLocation() {
    assertThatThrownBy(() -> Pattern.compile("{\"a\": [{\"regex\": \"(\"}]}"))
        .isInstanceOf(PatternException.class)
        .hasMessageStartingWith("1:18 a: invalid regex");
  }

  @Test
  void shouldUseCloudEventsSubscriptionFiltersAsTheyAre() {
    Pattern p =
        Pattern.compile(
            "[{\"prefix\": {\"type\": \"com.shop.\"}},"
                + " {\"any\": [{\"exact\": {\"source\": \"/shop/eu\"}}, {\"suffix\": {\"source\": \"/us\"}}]},"
                + " {\"not\": {\"exact\": {\"type\": \"com.shop.order.refunded\"}}}]");

    assertThat(p.matches(ORDER)).isTrue();
    assertThat(p.matches(ORDER.replace("/shop/eu", "/shop/asia"))).isFalse();
    assertThat(p.matches(ORDER.replace("paid", "refunded"))).isFalse();
    assertThat(p.matches(Map.of("type", "com.shop.x", "source", "/a/us"))).isTrue();
  }

  @Test
  void shouldTreatAMissingAttributeAsNoMatchAndNotAsItsNegation() {
    Pattern exact = Pattern.compile("[{\"exact\": {\"subject\": \"x\"}}]");
    Pattern not = Pattern.compile("[{\"not\": {\"exact\": {\"subject\": \"x\"}}}]");

    assertThat(exact.matches(ORDER)).isFalse();
    assertThat(not.matches(ORDER)).isTrue();
  }

  @Test
  void shouldReportFilterProblemsWithPath() {
    assertThat(Pattern.check("[{\"all\": [{\"exact\": {\"Type\": \"x\"}}, {\"sql\": \"a = 1\"}]}]"))
        .extracting(Problem::path)
        .containsExactly("filters[0].all[0].exact", "filters[0].all[1].sql");
    assertThat(Pattern.check("[]")).isNotEmpty();
  }

  @Test
  void shouldMixFiltersAndPatternsInOneRuleSet() {
    RuleSet rules =
        RuleSet.of(
            Map.of(
                "ce",
                "[{\"exact\": {\"type\": \"com.shop.order.paid\"}}]",
                "eb",
                "{\"data\": {\"amount\": [{\"numeric\": [\">\", 10]}]}}"));

    assertThat(rules.matches(ORDER)).containsExactlyInAnyOrder("ce", "eb");
  }
}
