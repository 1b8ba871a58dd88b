package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.railyard.api.platform.answers.AutoscaleDecision;
import dev.railyard.api.platform.answers.AutoscaleDecisions;
import dev.railyard.api.platform.answers.AutoscaleStatus;
import dev.railyard.api.platform.answers.ConnectorAction;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.api.platform.answers.DeadLetterCounts;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.ImportedConnectors;
import dev.railyard.api.platform.answers.Letters;
import dev.railyard.api.platform.answers.Redriven;
import dev.railyard.api.platform.answers.ReplayView;
import dev.railyard.api.platform.answers.Retrying;
import dev.railyard.api.platform.answers.RuleDiffView;
import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.api.platform.answers.TestPatternResult;
import dev.railyard.api.platform.answers.Validated;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON the API writes for each answer record, field names, order and nulls, as the OpenAPI
 * document describes them: a record that changes shape fails here, not in a client.
 */
class AnswerJsonTest {

  private static final String AT = "2026-01-02T03:04:05Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void shouldWriteEachAnswerAsTheApiDocumentsIt(String schema, Object answer, String expected)
      throws Exception {
    // when
    String written = Outcomes.json(answer);

    // then
    assertThat(written).isEqualTo(expected.replace('\'', '"'));
  }

  static Stream<Arguments> answers() throws Exception {
    return Stream.of(
        Arguments.of("Deleted", Deleted.of("paid"), "{'name':'paid','deleted':true}"),
        Arguments.of(
            "RuleDiff",
            new RuleDiffView(
                true,
                List.of(
                    new RuleDiffView.Change("paid", "created"),
                    new RuleDiffView.Change("old", "deleted"))),
            "{'dryRun':true,'rules':[{'name':'paid','action':'created'},"
                + "{'name':'old','action':'deleted'}]}"),
        Arguments.of(
            "Validated",
            new Validated(true, List.of("paid", "refunds")),
            "{'valid':true,'rules':['paid','refunds']}"),
        Arguments.of(
            "TestPatternResult of a pattern",
            new TestPatternResult(true, null),
            "{'matches':true}"),
        Arguments.of(
            "TestPatternResult of a rule",
            new TestPatternResult(true, targets()),
            "{'matches':true,'targets':{'billing':{'orderId':'o-1'},'audit':'not json',"
                + "'archive':{'error':'no such path','deadLetter':true}}}"),
        Arguments.of("Rule", rule(), ruleJson()),
        Arguments.of("Replay", replay(), replayJson()),
        Arguments.of(
            "DeadLetters",
            new DeadLetterCounts(
                "paid",
                List.of(
                    new DeadLetterCounts.Target("billing", "railyard.dlq.paid.billing", 3, 1, 2))),
            "{'rule':'paid','targets':[{'target':'billing','topic':'railyard.dlq.paid.billing',"
                + "'letters':3,'redriven':1,'waiting':2}]}"),
        Arguments.of("Letters", letters(), lettersJson()),
        Arguments.of(
            "Redriven",
            new Redriven("paid", "billing", 2, 1),
            "{'rule':'paid','target':'billing','redriven':2,'failedAgain':1}"),
        Arguments.of("Retrying", retrying(), retryingJson()),
        Arguments.of(
            "Retrying of a target that keeps order",
            new Retrying("paid", "billing", null, List.of()),
            "{'rule':'paid','target':'billing','topic':null,'retrying':[]}"),
        Arguments.of("Connector", connector(null), connectorJson("")),
        Arguments.of("Connector that failed", connector("boom"), connectorJson("'trace':'boom',")),
        Arguments.of(
            "ConnectorApplied",
            new ConnectorApplied("audit", true, config()),
            "{'name':'audit','created':true,'config':{'connector.class':'Sink','password':'****'}}"),
        Arguments.of(
            "ConnectorAction",
            new ConnectorAction("audit", "pause", true),
            "{'name':'audit','action':'pause','accepted':true}"),
        Arguments.of(
            "connectors:import",
            new ImportedConnectors(
                List.of(
                    new ConnectorApplied("audit", false, Map.of("topics", "t")),
                    new ImportedConnectors.NotApplied("copy", "Kafka Connect: conflict"))),
            "{'connectors':[{'name':'audit','created':false,'config':{'topics':'t'}},"
                + "{'name':'copy','error':'Kafka Connect: conflict'}]}"),
        Arguments.of(
            "AutoscaleDecisions",
            AutoscaleDecisions.of(List.of(decision())),
            "{'decisions':[" + decisionJson() + "],'count':1}"),
        Arguments.of("AutoscaleStatus before a snapshot", idleStatus(), idleStatusJson()),
        Arguments.of("AutoscaleStatus", status(), statusJson()));
  }

  private static Map<String, JsonNode> targets() throws Exception {
    Map<String, JsonNode> targets = new LinkedHashMap<>();
    targets.put("billing", JSON.readTree("{\"orderId\":\"o-1\"}"));
    targets.put("audit", TextNode.valueOf("not json"));
    targets.put("archive", JSON.readTree("{\"error\":\"no such path\",\"deadLetter\":true}"));
    return targets;
  }

  private static RuleView rule() throws Exception {
    return new RuleView(
        "paid",
        "orders",
        true,
        List.of(
            new RuleView.Target(
                "billing",
                "railyard.to.paid.billing",
                "railyard.to.paid.billing",
                null,
                "railyard.retry.paid.billing",
                false,
                new RuleView.Stats(5, 4, 3, 1, 0, 0, 1, 2)),
            new RuleView.Target(
                "audit",
                "railyard.to.paid.audit",
                "railyard.to.paid.audit",
                "railyard.dlq.paid.audit",
                null,
                true,
                null)),
        JSON.readTree("{\"apiVersion\":\"railyard/v1\",\"kind\":\"Rule\"}"));
  }

  private static String ruleJson() {
    return "{'name':'paid','bus':'orders','enabled':true,'targets':["
        + "{'name':'billing','connector':'railyard.to.paid.billing',"
        + "'deliveryTopic':'railyard.to.paid.billing','deadLetterTopic':null,"
        + "'retryTopic':'railyard.retry.paid.billing','asleep':false,'stats':{'matched':5,'routed':4,"
        + "'delivered':3,'lag':1,'retrying':0,'deadLettered':0,'transformErrors':1,'failed':2}},"
        + "{'name':'audit','connector':'railyard.to.paid.audit',"
        + "'deliveryTopic':'railyard.to.paid.audit','deadLetterTopic':'railyard.dlq.paid.audit',"
        + "'retryTopic':null,'asleep':true,'stats':null}],"
        + "'document':{'apiVersion':'railyard/v1','kind':'Rule'}}";
  }

  private static ReplayView replay() {
    return new ReplayView(
        "replay-1a2b3c4d",
        "paid",
        List.of("billing"),
        "2026-01-02T01:00:00Z",
        "2026-01-02T02:00:00Z",
        "RUNNING",
        10,
        4,
        0,
        1,
        "reading the bus",
        AT,
        null);
  }

  private static String replayJson() {
    return "{'id':'replay-1a2b3c4d','rule':'paid','targets':['billing'],"
        + "'from':'2026-01-02T01:00:00Z','to':'2026-01-02T02:00:00Z','state':'RUNNING',"
        + "'scanned':10,'matched':4,'delivered':0,'transformFailures':1,"
        + "'message':'reading the bus','startedAt':'"
        + AT
        + "','finishedAt':null}";
  }

  private static Letters letters() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("railyard.error.class", "java.io.IOException");
    headers.put("empty", null);
    return new Letters(
        "paid", "billing", List.of(new Letters.Letter(0, 7, AT, null, "{}", headers)));
  }

  private static String lettersJson() {
    return "{'rule':'paid','target':'billing','letters':[{'partition':0,'offset':7,"
        + "'timestamp':'"
        + AT
        + "','key':null,'value':'{}',"
        + "'headers':{'railyard.error.class':'java.io.IOException','empty':null}}]}";
  }

  private static Retrying retrying() throws Exception {
    return new Retrying(
        "paid",
        "billing",
        "railyard.retry.paid.billing",
        List.of(
            new Retrying.Parked(
                0,
                3,
                "e-1",
                2,
                AT,
                AT,
                AT,
                "java.io.IOException",
                "refused",
                JSON.readTree("{\"id\":1}")),
            new Retrying.Parked(1, 0, null, 1, null, null, null, null, null, null)));
  }

  private static String retryingJson() {
    return "{'rule':'paid','target':'billing','topic':'railyard.retry.paid.billing','retrying':["
        + "{'partition':0,'offset':3,'eventId':'e-1','attempts':2,'firstFailure':'"
        + AT
        + "','lastFailure':'"
        + AT
        + "','due':'"
        + AT
        + "','errorClass':'java.io.IOException','errorMessage':'refused','value':{'id':1}},"
        + "{'partition':1,'offset':0,'eventId':null,'attempts':1,'firstFailure':null,"
        + "'lastFailure':null,'due':null,'errorClass':null,'errorMessage':null,'value':null}]}";
  }

  private static Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connector.class", "Sink");
    config.put("password", "****");
    return config;
  }

  private static ConnectorView connector(String trace) {
    return new ConnectorView(
        "audit",
        "sink",
        "RUNNING",
        null,
        trace,
        List.of(
            new ConnectorView.Task(0, "FAILED", "127.0.0.1:8083", "boom"),
            new ConnectorView.Task(1, "RUNNING", null, null)),
        config(),
        Map.of(
            "task-0",
            new ConnectorView.AutoRestart("WAITING", 1, List.of(1000L), AT, null, AT, null)));
  }

  private static String connectorJson(String trace) {
    return "{'name':'audit','type':'sink','state':'RUNNING','workerId':null,"
        + trace
        + "'tasks':[{'id':0,'state':'FAILED','workerId':'127.0.0.1:8083','trace':'boom'},"
        + "{'id':1,'state':'RUNNING','workerId':null}],"
        + "'config':{'connector.class':'Sink','password':'****'},"
        + "'autoRestart':{'task-0':{'state':'WAITING','attempts':1,'backoffsMs':[1000],"
        + "'firstFailureAt':'"
        + AT
        + "','lastRestartAt':null,'nextAttemptAt':'"
        + AT
        + "','recoveredAt':null}}}";
  }

  private static AutoscaleDecision decision() {
    return new AutoscaleDecision(3, AT, "workers", 1, 2, "DEMAND_UP", "lag grows", "applied");
  }

  private static String decisionJson() {
    return "{'id':3,'at':'"
        + AT
        + "','target':'workers','from':1,'to':2,'cause':'DEMAND_UP','reason':'lag grows',"
        + "'outcome':'applied'}";
  }

  private static AutoscaleStatus idleStatus() {
    return new AutoscaleStatus(
        Map.of("autoscale.enabled", "false"),
        new AutoscaleStatus.Snapshot(null, null),
        new AutoscaleStatus.Workers(1, 1, null, 1, 4, null, null, null, null, List.of()),
        List.of(),
        List.of());
  }

  private static String idleStatusJson() {
    return "{'policy':{'autoscale.enabled':'false'},'snapshot':{'at':null,'problem':null},"
        + "'workers':{'running':1,'desired':1,'decided':null,'min':1,'max':4,'cpu':null,"
        + "'cause':null,'reason':null,'failure':null,'processes':[]},'connectors':[],"
        + "'decisions':[]}";
  }

  private static AutoscaleStatus status() {
    return new AutoscaleStatus(
        Map.of("autoscale.enabled", "true"),
        new AutoscaleStatus.Snapshot(AT, "offsets of group g not read"),
        new AutoscaleStatus.Workers(
            1,
            2,
            2,
            1,
            4,
            0.75,
            "DEMAND_UP",
            "lag grows",
            null,
            List.of(
                new AutoscaleStatus.ProcessLoad("worker-1", 0.5, 1024L),
                new AutoscaleStatus.ProcessLoad("worker-2", null, null))),
        List.of(
            new AutoscaleStatus.Connector(
                "railyard.router.orders",
                "ROUTER",
                "RUNNING",
                1,
                1,
                2,
                3,
                100,
                2.5,
                0,
                10.0,
                null,
                4.25,
                "DEMAND_UP",
                "lag grows",
                null),
            new AutoscaleStatus.Connector(
                "app-logs",
                "SOURCE",
                "RUNNING",
                1,
                1,
                3,
                0,
                0,
                0,
                0,
                null,
                null,
                null,
                "DEMAND_UP",
                "app-logs: 48 MB behind",
                new AutoscaleStatus.SourceBacklog(
                    48_000_000L, 0, 3, 0, 0, 3, 1000.0, 200000.0, 200000.0))),
        List.of(decision()));
  }

  private static String statusJson() {
    return "{'policy':{'autoscale.enabled':'true'},"
        + "'snapshot':{'at':'"
        + AT
        + "','problem':'offsets of group g not read'},"
        + "'workers':{'running':1,'desired':2,'decided':2,'min':1,'max':4,'cpu':0.75,"
        + "'cause':'DEMAND_UP','reason':'lag grows','failure':null,'processes':["
        + "{'name':'worker-1','cpu':0.5,'residentBytes':1024},"
        + "{'name':'worker-2','cpu':null,'residentBytes':null}]},"
        + "'connectors':[{'name':'railyard.router.orders','kind':'ROUTER','state':'RUNNING',"
        + "'tasks':1,'runningTasks':1,'desiredTasks':2,'partitions':3,'lag':100,"
        + "'lagSeconds':2.5,'stuckLag':0,'arrivalRate':10.0,'drainRate':null,'taskRate':4.25,"
        + "'cause':'DEMAND_UP','reason':'lag grows','backlog':null},"
        + "{'name':'app-logs','kind':'SOURCE','state':'RUNNING',"
        + "'tasks':1,'runningTasks':1,'desiredTasks':3,'partitions':0,'lag':0,"
        + "'lagSeconds':0.0,'stuckLag':0,'arrivalRate':null,'drainRate':null,'taskRate':null,"
        + "'cause':'DEMAND_UP','reason':'app-logs: 48 MB behind','backlog':{"
        + "'bytesBehind':48000000,'stuckBytes':0,'files':3,'stuckFiles':0,'filesWithoutSize':0,"
        + "'mostTasks':3,'arrivalRate':1000.0,'drainRate':200000.0,'taskRate':200000.0}}],"
        + "'decisions':["
        + decisionJson()
        + "]}";
  }
}
