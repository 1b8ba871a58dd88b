package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternErrorsTest {

  @Test
  void shouldRejectNumericWithoutOperator() {
    String pattern = "{\n  \"detail\": {\n    \"amount\": [{\"numeric\": [100]}]\n  }\n}";

    assertThatThrownBy(() -> Pattern.compile(pattern))
        .isInstanceOf(PatternException.class)
        .hasMessageStartingWith("3:29 detail.amount: numeric needs an operator first")
        .hasMessageContaining("operators are =, <, <=, >, >=");
  }

  @Test
  void shouldReportEveryProblemWithLineColumnAndPath() {
    String pattern =
        "{\"a\": [{\"prefix\": 1}],\n \"b\": {\"c\": []},\n \"$or\": [{\"d\": [{\"wildcard\": \"a**\"}]}]}";

    List<Problem> problems = Pattern.check(pattern);

    assertThat(problems)
        .extracting(Problem::line, Problem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "a"),
            org.assertj.core.groups.Tuple.tuple(2, "b.c"),
            org.assertj.core.groups.Tuple.tuple(3, "$or[0].d"),
            org.assertj.core.groups.Tuple.tuple(3, "$or"));
    assertThat(problems.get(0).hint()).contains("{\"prefix\": \"text\"}");
  }

  @Test
  void shouldReportInvalidJsonWithItsLocation() {
    assertThat(Pattern.check("{\"a\": [1,]}"))
        .singleElement()
        .satisfies(p -> assertThat(p.toString()).startsWith("1:10 invalid JSON"));
  }

  @Test
  void shouldAcceptValidPatternsWithoutProblems() {
    assertThat(Pattern.check("{\"a\": [{\"numeric\": [\">\", 0, \"<=\", 5]}]}")).isEmpty();
  }

  @Test
  void shouldRejectOrExpandingBeyondOneThousandCombinations() {
    String branches =
        "[{\"a\":[1]},{\"b\":[1]},{\"c\":[1]},{\"d\":[1]},{\"e\":[1]},{\"f\":[1]},{\"g\":[1]},"
            + "{\"h\":[1]},{\"i\":[1]},{\"j\":[1]},{\"k\":[1]}]";
    String pattern =
        "{\"x\":{\"$or\":"
            + branches
            + "},\"y\":{\"$or\":"
            + branches
            + "},\"z\":{\"$or\":"
            + branches
            + "}}";

    assertThatThrownBy(() -> Pattern.compile(pattern))
        .hasMessageContaining("more than 1000 combinations");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{}",
        "{\"a\":1}",
        "{\"a\":[]}",
        "{\"a\":[{\"numeric\":[\">\"]}]}",
        "{\"a\":[{\"numeric\":[\">\",5,\"<\",1]}]}",
        "{\"a\":[{\"cidr\":\"10.0.0.1/32\"}]}",
        "{\"a\":[{\"wildcard\":\"a**\"}]}",
        "{\"a\":[{\"anything-but\":[\"a\",1]}]}",
        "{\"a\":[{\"exists\":1}]}",
        "{\"a\":[{\"nope\":1}]}",
        "{\"a\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}",
        "{\"a\":[1]} trailing",
        "{\"a\":[{\"numeric\":[\">=\",1.7976931348623157e308]}]}",
        "{\"a\":[{\"numeric\":[\"=\",5e-324]}]}"
      })
  void shouldRejectWhatIsNotThePatternLanguage(String pattern) {
    assertThat(Pattern.check(pattern)).isNotEmpty();
    assertThatThrownBy(() -> Pattern.compile(pattern)).isInstanceOf(PatternException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":[{\"numeric\":[\">=\",1.7976931348623157e308],\"suffix\":\"b\"}],\"a\":[1]}",
        "{\"a\":[{\"numeric\":[\"<=\",-1.7976931348623157e308],\"x\":1}],\"a\":[1]}",
        "{\"a\":[{\"anything-but\":{\"prefix\":[]},\"x\":1}],\"a\":[1]}",
        "{\"a\":[{\"anything-but\":{\"prefix\":[],\"x\":1}}],\"a\":[1]}"
      })
  void shouldRejectASecondOperatorKeyEvenInAFieldALaterDuplicateReplaces(String pattern) {
    // event-ruler fails on a range or list it cannot hold only in a field that survives, but on a
    // second key in the operator object at once
    assertThat(DifferentialTest.machine(pattern)).as("event-ruler").isNull();

    assertThat(Pattern.check(pattern)).isNotEmpty();
  }

  @Test
  void shouldTreatMalformedOrAsAPlainFieldLikeEventRuler() {
    Pattern p = Pattern.compile("{\"$or\": [{\"prefix\": \"a\"}, {\"suffix\": \"b\"}]}");

    assertThat(p.matches("{\"$or\": \"ab\"}")).isTrue();
    assertThat(p.matches("{\"$or\": \"x\"}")).isFalse();
  }
}
