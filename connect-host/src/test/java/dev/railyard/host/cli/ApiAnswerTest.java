package dev.railyard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiAnswerTest {

  @Test
  void shouldTurnA400WithProblemsIntoTheProblemsAndACountingSummary() {
    ApiAnswer answer =
        new ApiAnswer(
            400,
            "{\"error\": {\"code\": \"INVALID_RULES\", \"message\":"
                + " \"rules.yaml has 2 problems\", \"details\": {\"problems\": ["
                + "\"rules.yaml:14:9 spec.pattern.data.amount: numeric needs an operator\","
                + "\"rules.yaml:20:3 spec.targets: at least one target\"], \"items\": []}}}");

    CliFailure failure = answer.failure("rules.yaml was refused, nothing was applied");

    assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(failure.problems())
        .containsExactly(
            "rules.yaml:14:9 spec.pattern.data.amount: numeric needs an operator",
            "rules.yaml:20:3 spec.targets: at least one target");
    assertThat(failure.getMessage())
        .isEqualTo("rules.yaml was refused, nothing was applied: 2 problems (INVALID_RULES)");
  }

  @Test
  void shouldUseTheApiMessageWhenThereAreNoProblems() {
    ApiAnswer answer =
        new ApiAnswer(
            404,
            "{\"error\": {\"code\": \"NOT_FOUND\", \"message\":"
                + " \"rule 'x' does not exist\", \"details\": {\"name\": \"x\"}}}");

    CliFailure failure = answer.failure("unused");

    assertThat(failure.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(failure.problems()).isEmpty();
    assertThat(failure.getMessage()).isEqualTo("rule 'x' does not exist (404 NOT_FOUND)");
  }

  @Test
  void shouldTreatServerErrorsAsUnreachable() {
    ApiAnswer unavailable =
        new ApiAnswer(
            503,
            "{\"error\": {\"code\": \"RULES_UNAVAILABLE\","
                + " \"message\": \"The rules could not be reached: timeout\", \"details\": null}}");
    ApiAnswer proxy = new ApiAnswer(502, "<html>\n<body>Bad gateway</body></html>");

    assertThat(unavailable.failure("x").exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unavailable.failure("x").getMessage()).contains("503 RULES_UNAVAILABLE");
    assertThat(proxy.failure("x").exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(proxy.failure("x").getMessage())
        .isEqualTo("unexpected answer 502 from Railyard: <html> <body>Bad gateway</body></html>");
  }
}
