package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.answers.BusEvents;
import dev.railyard.api.platform.answers.ConnectorForm;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the JSON of the dashboard's two answers, as {@link AnswerJsonTest} does for the others. */
class DashboardAnswerJsonTest {

  private static final String AT = "2026-01-02T03:04:05Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void shouldWriteEachAnswerAsTheApiDocumentsIt(String schema, Object answer, String expected)
      throws Exception {
    assertThat(Outcomes.json(answer)).isEqualTo(expected.replace('\'', '"'));
  }

  static Stream<Arguments> answers() throws Exception {
    return Stream.of(
        Arguments.of(
            "ConfigForm",
            new ConnectorForm(
                "FileStreamSink",
                1,
                List.of("Common"),
                List.of(
                    new ConnectorForm.Key(
                        "tasks.max",
                        "Tasks max",
                        "INT",
                        false,
                        false,
                        "1",
                        "HIGH",
                        "How many",
                        "Common",
                        3,
                        "SHORT",
                        List.of(),
                        "two",
                        List.of(),
                        true,
                        List.of("Not a number")))),
            "{'connectorClass':'FileStreamSink','errorCount':1,'groups':['Common'],'configs':["
                + "{'name':'tasks.max','displayName':'Tasks max','type':'INT','required':false,"
                + "'secret':false,'default':'1','importance':'HIGH','documentation':'How many',"
                + "'group':'Common','orderInGroup':3,'width':'SHORT','dependents':[],"
                + "'value':'two','recommendedValues':[],'visible':true,"
                + "'errors':['Not a number']}]}"),
        Arguments.of(
            "BusEvents",
            new BusEvents(
                "orders",
                "railyard.bus.orders",
                List.of(new BusEvents.Event(0, 7, AT, JSON.readTree("{\"type\":\"paid\"}"))),
                12,
                "0:8"),
            "{'bus':'orders','topic':'railyard.bus.orders','events':[{'partition':0,'offset':7,"
                + "'timestamp':'"
                + AT
                + "','event':{'type':'paid'}}],'scanned':12,'after':'0:8'}"));
  }
}
