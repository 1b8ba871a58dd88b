package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where Railyard answers as the pattern language is documented and event-ruler 2.1.0, with the
 * whole pattern in one Machine, does not (docs/patterns.md, "Where Railyard and event-ruler
 * differ"). Each row also asks event-ruler, whole and in parts, so an event-ruler that fixes the
 * defect shows here first.
 */
class EventRulerDefectsTest {

  private static final java.util.regex.Pattern TABLE_ROW =
      java.util.regex.Pattern.compile(
          "^\\| `(\\{.*})` \\| `(\\{.*})` \\| (match|no match) \\| (match|no match) \\|$",
          java.util.regex.Pattern.MULTILINE);

  /**
   * An {@code $or} branch whose values include an earlier branch's is dropped by event-ruler; with
   * the wider branch first, it matches. Pattern, the same with its branches swapped, event. (With
   * the shared value last in the wider branch, event-ruler's answer changes from run to run.)
   */
  static Stream<Arguments> widerOrBranchAfterANarrowerOne() {
    return Stream.of(
        row(
            "{'$or':[{'k':['x']},{'k':['x','y']}]}",
            "{'$or':[{'k':['x','y']},{'k':['x']}]}",
            "{'k':'y'}"),
        row(
            "{'$or':[{'k':['x'],'j':[1]},{'k':['x','y'],'j':[1]}]}",
            "{'$or':[{'k':['x','y'],'j':[1]},{'k':['x'],'j':[1]}]}",
            "{'j':1,'k':'y'}"),
        row(
            "{'$or':[{'k':[{'prefix':'x'}]},{'k':[{'prefix':'x'},{'suffix':'y'}]}]}",
            "{'$or':[{'k':[{'prefix':'x'},{'suffix':'y'}]},{'k':[{'prefix':'x'}]}]}",
            "{'k':'y'}"),
        row(
            "{'$or':[{'k':[1]},{'k':[1,{'anything-but':{'suffix':['o']}}]}]}",
            "{'$or':[{'k':[1,{'anything-but':{'suffix':['o']}}]},{'k':[1]}]}",
            "{'k':'y'}"));
  }

  @ParameterizedTest(name = "{0} on {2}")
  @MethodSource("widerOrBranchAfterANarrowerOne")
  void shouldMatchAWiderOrBranchThatFollowsANarrowerOne(
      String pattern, String swapped, String event) {
    boolean railyard = Pattern.compile(pattern).matches(event);

    assertThat(railyard).as("railyard").isTrue();
    assertThat(DifferentialTest.ruler(DifferentialTest.machine(pattern), event))
        .as("event-ruler, one Machine")
        .isFalse();
    assertThat(SplitOracle.byBranch(pattern, event)).as("event-ruler, branch by branch").isTrue();
    assertThat(DifferentialTest.ruler(DifferentialTest.machine(swapped), event))
        .as("event-ruler, wider branch first")
        .isTrue();
    assertThat(Pattern.compile(swapped).matches(event)).as("railyard, wider branch first").isTrue();
  }

  /**
   * A wildcard opening with {@code *} and, later in the same value list, an equals-ignore-case of
   * one character: event-ruler matches every non-empty string.
   */
  static Stream<Arguments> wildcardBeforeEqualsIgnoreCase() {
    return Stream.of(
        row("{'c':[{'wildcard':'*b'},{'equals-ignore-case':'x'}]}", "{'c':'zzz'}"),
        row("{'c':[{'wildcard':'*b*'},{'equals-ignore-case':'K'}]}", "{'c':'a'}"),
        row("{'c':[{'wildcard':'*b'},'300',{'equals-ignore-case':'k'}]}", "{'c':'Ss'}"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("wildcardBeforeEqualsIgnoreCase")
  void shouldNotMatchAStringThatNoValueOfTheListMatches(String pattern, String event) {
    boolean railyard = Pattern.compile(pattern).matches(event);

    assertThat(railyard).as("railyard").isFalse();
    assertThat(DifferentialTest.ruler(DifferentialTest.machine(pattern), event))
        .as("event-ruler, one Machine")
        .isTrue();
    assertThat(SplitOracle.matches(pattern, event)).as("event-ruler, value by value").isFalse();
  }

  @Test
  void shouldAnswerAsTheTableInTheDocsSays() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "patterns.md"));
    Matcher row = TABLE_ROW.matcher(doc);
    int rows = 0;
    while (row.find()) {
      String pattern = row.group(1);
      String event = row.group(2);

      assertThat(DifferentialTest.ruler(DifferentialTest.machine(pattern), event))
          .as("event-ruler, %s on %s", pattern, event)
          .isEqualTo(row.group(3).equals("match"));
      assertThat(Pattern.compile(pattern).matches(event))
          .as("railyard, %s on %s", pattern, event)
          .isEqualTo(row.group(4).equals("match"));
      rows++;
    }
    assertThat(rows).as("rows of the table in docs/patterns.md").isEqualTo(2);
  }

  private static Arguments row(String... jsonWithSingleQuotes) {
    return Arguments.of(
        Stream.of(jsonWithSingleQuotes).map(s -> s.replace('\'', '"')).toArray(Object[]::new));
  }
}
