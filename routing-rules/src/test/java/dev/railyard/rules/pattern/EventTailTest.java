package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * Why the matcher reads an event to its end even when every field its rules name has been read
 * (docs/patterns.md, "Reading an event to its end"): what comes after the last named field can
 * still change the answer, and event-ruler 2.1.0 agrees. Each row: pattern, event, Railyard's
 * answer (text and bytes alike), event-ruler's. Quotes are written ' for readability.
 */
class EventTailTest {

  static Stream<Arguments> tails() {
    return Stream.of(
        // a key repeated after the last named field adds a value to it
        row("{'type':['b']}", "{'type':'a','data':{'x':[1,{'y':2}]},'type':'b'}", "match", "match"),
        row("{'type':[{'anything-but':'a'}]}", "{'type':'a','z':1,'type':'b'}", "match", "match"),
        row(
            "{'type':['a'],'k':[{'exists':false}]}",
            "{'type':'a','data':[{}],'k':1}",
            "no match",
            "no match"),
        row("{'data':{'n':[5]}}", "{'data':{'n':1},'x':[[]],'data':{'n':5}}", "match", "match"),
        row(
            "{'data':{'n':[{'numeric':['>',3]}]}}",
            "{'data':{'n':1},'x':[{'y':[]}],'data':{'n':5}}",
            "match",
            "match"),
        // nested objects and arrays after the last named field are skipped, whatever they hold
        row(
            "{'source':['s']}",
            "{'source':'s','data':{'lines':[{'source':'t'},[1,[2,'s]']]],'e':{}},'z':null}",
            "match",
            "match"),
        row("{'source':['s']}", "{'source':'s','data':{'source':'t'}}", "match", "match"),
        // a tail that breaks the grammar at a level the reader walks: refused by both
        row("{'source':['s']}", "{'source':'s','data':{'a':1}", "malformed", "malformed"),
        row("{'source':['s']}", "{'source':'s','x' 1}", "malformed", "malformed"),
        row("{'source':['s']}", "{'source':'s','x':1,}", "malformed", "malformed"),
        row("{'source':['s']}", "{'source':'s','x':tru}", "malformed", "malformed"),
        row("{'source':['s']}", "{'source':'s','x':'abc", "malformed", "malformed"),
        row("{'source':['s']}", "{'source':'s','x':[1,{'y':[2]}", "malformed", "malformed"),
        // inside a value no rule names only brackets and quotes are checked (see patterns.md)
        row("{'source':['s']}", "{'source':'s','x':{'a' 1}}", "match", "malformed"),
        row("{'source':['s']}", "{'source':'s','x':[1,2}}", "match", "malformed"));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("tails")
  void shouldAnswerAsDocumentedWhateverFollowsTheLastNamedField(
      String pattern, String event, String railyard, String eventRuler) throws Exception {
    Pattern compiled = Pattern.compile(pattern);
    Machine machine = new Machine();
    machine.addRule("r", pattern);

    assertThat(outcome(() -> compiled.matches(event))).as("railyard, text").isEqualTo(railyard);
    assertThat(outcome(() -> compiled.matches(event.getBytes(StandardCharsets.UTF_8))))
        .as("railyard, bytes")
        .isEqualTo(railyard);
    assertThat(outcome(() -> rulerMatches(machine, event))).as("event-ruler").isEqualTo(eventRuler);
  }

  private static boolean rulerMatches(Machine machine, String event) {
    try {
      return !machine.rulesForJSONEvent(event).isEmpty();
    } catch (Exception e) {
      throw new IllegalArgumentException("event-ruler refused the event", e);
    }
  }

  private static String outcome(Supplier<Boolean> match) {
    try {
      return match.get() ? "match" : "no match";
    } catch (IllegalArgumentException e) {
      return "malformed";
    }
  }

  private static Arguments row(String pattern, String event, String railyard, String eventRuler) {
    return Arguments.of(pattern.replace('\'', '"'), event.replace('\'', '"'), railyard, eventRuler);
  }
}
