package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pattern/event pairs on which an independent generator found Railyard matching and event-ruler
 * 2.1.0 not (issue 13), asked of event-ruler itself. Three come from one rule, which Railyard now
 * follows; the fourth is a defect of event-ruler's that Railyard keeps apart from, as the language
 * is documented (docs/patterns.md, "Where Railyard and event-ruler differ").
 */
class ReportedDisagreementsTest {

  static Stream<Arguments> cidrOnNumberTexts() {
    return Stream.of(
        // "0e-2" walks 0.0.0.0/0's hex-digit trie as '0' then 'e', which is no hex digit
        Arguments.of(
            "{\"x\":[{\"anything-but\":[300,42,0]}],\"ok\":[{\"cidr\":\"0.0.0.0/24\"},"
                + "{\"cidr\":\"10.0.0.01/0\"},{\"cidr\":\"fe80::/16\"}]}",
            "{\"c\":null,\"ok\":[0.0e0,0e-2],\"x\":\"300\"}"),
        // "7.0E+0" meets 0.0.0.0/1 (00000000 to 7FFFFFFF) as '7' on the upper bound, then '.'
        Arguments.of(
            "{\"$or\":[{\"state\":[{\"numeric\":[\">=\",2.5E10,\"<=\",17976931348623157e292]}]},"
                + "{\"state\":[{\"wildcard\":\"名前*\"}]}],\"ip\":[{\"cidr\":\"10.0.0.200/1\"}]}",
            "{\"ip\":7.0E+0,\"state\":[7,250e8]}"),
        // the dotted key is the path a.detail.count; only "0e-2" there could reach the cidr
        Arguments.of(
            "{\"a\":{\"detail.count\":[{\"prefix\":\"FOO\"},{\"wildcard\":\"1*0.0*.*0x\"},"
                + "{\"cidr\":\"0.0.0.0/1\"}]}}",
            "{\"type\":\"\",\"user\":4.9e-324,\"a\":{\"detail\":[{\"count\":7},"
                + "{\"src\":null,\"detail\":\"255.255.255.255\",\"count\":0},"
                + "{\"src\":null,\"detail\":-1E300,\"count\":0e-2}]}}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cidrOnNumberTexts")
  void shouldNotMatchANumberWhoseTextLeavesTheCidrDigitsUndecided(String pattern, String event) {
    boolean eventRuler = DifferentialTest.ruler(DifferentialTest.machine(pattern), event);

    boolean railyard = Pattern.compile(pattern).matches(event);

    assertThat(eventRuler).as("event-ruler").isFalse();
    assertThat(railyard).as("railyard").isEqualTo(eventRuler);
  }

  @Test
  void shouldMatchAnOrBranchWhoseValuesIncludeThoseOfAnEarlierBranchUnlikeEventRuler() {
    String pattern =
        "{\"$or\":[{\"key with space\":[\"\\\\\",{\"equals-ignore-case\":\"\\\\\"}]},"
            + "{\"key with space\":[\"\\\\\",{\"anything-but\":{\"suffix\":[\"o\",\"\\\\\",\"oo\"]}}]},"
            + "{\"key with space\":[{\"equals-ignore-case\":\"\\\\\"},"
            + "{\"numeric\":[\">\",7,\"<=\",300]}]}],\"tags\":[null]}";
    String event =
        "{\"key with space\":3.0000000000000004E-1,\"tags\":null,"
            + "\"noise\":[1,{\"deep\":[\"x\",{}]},[]]}";

    boolean railyard = Pattern.compile(pattern).matches(event);

    // the second branch alone matches: 0.30000000000000004 is not a string ending in o, \ or oo
    assertThat(DifferentialTest.ruler(DifferentialTest.machine(pattern), event))
        .as("event-ruler, one Machine")
        .isFalse();
    assertThat(SplitOracle.matches(pattern, event)).as("event-ruler, branch by branch").isTrue();
    assertThat(railyard).as("railyard").isTrue();
  }
}
