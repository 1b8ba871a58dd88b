package dev.railyard.sources.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5424 read strictly: the RFC's own examples, what real senders write, and what is wrong. */
class Rfc5424ParserTest {

  private final SyslogParser parser =
      new SyslogParser(SyslogParser.Mode.RFC5424, ZoneOffset.UTC, Clock.systemUTC());

  @Test
  void shouldReadTheRfcExampleWithoutStructuredData() throws Exception {
    // when the first example of RFC 5424 section 6.5 is read, with its BOM
    SyslogMessage m =
        parser.parse(
            "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root'"
                + " failed for lonvick on /dev/pts/8");

    // then every field is there, and the BOM is not part of the message
    assertThat(m.facilityName()).isEqualTo("auth");
    assertThat(m.severityName()).isEqualTo("crit");
    assertThat(m.timestamp()).isEqualTo(OffsetDateTime.parse("2003-10-11T22:14:15.003Z"));
    assertThat(m.hostname()).isEqualTo("mymachine.example.com");
    assertThat(m.appName()).isEqualTo("su");
    assertThat(m.procId()).isNull();
    assertThat(m.msgId()).isEqualTo("ID47");
    assertThat(m.structuredData()).isEmpty();
    assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
  }

  @Test
  void shouldReadStructuredDataWithEscapes() throws Exception {
    // when a message has two SD elements, one value holding an escaped quote, backslash and ]
    SyslogMessage m =
        parser.parse(
            "<165>1 2003-10-11T22:14:15.003000-07:00 host evntslog 8710 ID47 [exampleSDID@32473"
                + " iut=\"3\" eventSource=\"Application\"][x@1 v=\"a\\\"b\\\\c\\]d\\n\"] An"
                + " application event");

    // then each parameter has its value unescaped, a backslash before anything else kept
    assertThat(m.structuredData())
        .containsExactly(
            Map.entry("exampleSDID@32473", Map.of("iut", "3", "eventSource", "Application")),
            Map.entry("x@1", Map.of("v", "a\"b\\c]d\\n")));
    assertThat(m.procId()).isEqualTo("8710");
    assertThat(m.timestamp().getOffset()).isEqualTo(ZoneOffset.ofHours(-7));
    assertThat(m.message()).isEqualTo("An application event");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          logger's own     | <13>1 2026-12-03T13:53:56.221863+00:00 vm myapp - - [timeQuality tzKnown="1" isSynced="0"] hello | myapp | hello
          no message       | <0>1 2026-12-03T13:53:56Z h a p m -                                                                | a     |
          all nil          | <191>1 - - - - - - msg                                                                              |       | msg
          empty SD value   | <14>1 2026-01-01T00:00:00+05:30 h a - - [a@1 k=""] m                                               | a     | m
          """)
  void shouldReadWellFormedMessages(String name, String line, String app, String message)
      throws Exception {
    SyslogMessage m = parser.parse(line.strip());

    assertThat(m.appName()).isEqualTo(app);
    assertThat(m.message()).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no PRI               | 1 2003-10-11T22:14:15Z h a - - - m                 | PRI
          PRI above 191        | <192>1 2003-10-11T22:14:15Z h a - - - m            | PRI
          PRI leading zero     | <013>1 2003-10-11T22:14:15Z h a - - - m            | PRI
          PRI not closed       | <13 1 2003-10-11T22:14:15Z h a - - - m             | PRI
          version 2            | <13>2 2003-10-11T22:14:15Z h a - - - m             | VERSION
          BSD timestamp        | <13>1 Oct 11 22:14:15 h a - - - m                  | TIMESTAMP
          no offset            | <13>1 2003-10-11T22:14:15 h a - - - m              | TIMESTAMP
          seven fraction digits| <13>1 2003-10-11T22:14:15.1234567Z h a - - - m     | TIMESTAMP
          month 13             | <13>1 2003-13-11T22:14:15Z h a - - - m             | TIMESTAMP
          APP-NAME too long    | <13>1 - h aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa - - - m | APP-NAME
          truncated header     | <13>1 2003-10-11T22:14:15Z h a                     | APP-NAME
          two spaces           | <13>1 2003-10-11T22:14:15Z  h a - - - m            | HOSTNAME
          SD missing           | <13>1 - h a - - m                                  | STRUCTURED-DATA
          SD truncated         | <13>1 - h a - - [x@1 k="v"                         | STRUCTURED-DATA
          SD value unclosed    | <13>1 - h a - - [x@1 k="v] m                       | STRUCTURED-DATA
          SD unescaped ]       | <13>1 - h a - - [x@1 k="a]b"] m                    | STRUCTURED-DATA
          SD no quotes         | <13>1 - h a - - [x@1 k=v] m                        | STRUCTURED-DATA
          SD-ID twice          | <13>1 - h a - - [x@1][x@1] m                       | STRUCTURED-DATA
          SD no space after    | <13>1 - h a - - [x@1]m                             | STRUCTURED-DATA
          """)
  void shouldRefuseMalformedMessagesNamingTheField(String name, String line, String field) {
    assertThatThrownBy(() -> parser.parse(line.strip()))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith(field);
  }

  @Test
  void shouldRefuseAnEmptyMessage() {
    assertThatThrownBy(() -> parser.parse(new byte[] {'\n'}))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("empty");
  }
}
