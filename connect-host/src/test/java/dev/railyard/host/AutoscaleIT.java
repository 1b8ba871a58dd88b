package dev.railyard.host;

import static dev.railyard.host.EndpointRules.putEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler on a real platform: a rule target whose function answers in 50 ms (one task
 * delivers ~20 events/s) gets a burst of 2,000 events at {@code tasks.max=1} with workers between 1
 * and 3. Its tasks and the workers go up within 15 s, the burst drains far sooner than the ~100 s
 * one task needs, every event arrives, and the workers return to the reserved count after the
 * (shortened) stabilization window; the decisions and reasons are in the API. Each step changes one
 * thing and costs at most one rebalance of the Connect group, counted from the generations its
 * workers log ({@link ConnectRebalances}).
 */
@RunsAlone
@WithPlatform(
    workers = 1,
    settings = {
      "autoscale.enabled=true",
      "autoscale.workers.min=1",
      "autoscale.workers.max=3",
      "autoscale.scale.down.stabilization.seconds=30"
    })
class AutoscaleIT {

  private static final String TARGET = "railyard.to.burst.fn";

  @Test
  void shouldScaleTasksAndWorkersOnABurstDeliverEveryEventAndComeBack(
      ApiClient api, Path dataDir, Platform platform) throws Exception {
    try (Endpoint endpoint = Endpoint.start(200)) {
      endpoint.delay(50);
      RuleFixtures.applyOk(
          api,
          """
          apiVersion: railyard/v1
          kind: Rule
          metadata: {name: burst}
          spec:
            bus: burst
            pattern: {type: ["t"]}
            targets:
              - name: fn
                config:
                  connector.class: dev.railyard.sinks.http.HttpSinkConnector
                  http.url: "%s"
                  tasks.max: "1"
          """
              .formatted(endpoint.url()));
      await("the target running with one task")
          .atMost(Duration.ofSeconds(60))
          .until(() -> tasksOf(api, TARGET) == 1);
      await("the Connect group at rest after the rule's connectors started")
          .atMost(Duration.ofSeconds(30))
          .until(() -> ConnectRebalances.settled(dataDir, Set.of("worker-1")));

      // and a person watching the dashboard's scaling page
      try (dev.railyard.host.testing.Chromium browser =
          dev.railyard.host.testing.Chromium.logIn(
              platform.apiUrl(), ApiClient.adminToken(platform))) {
        browser.open("scaling");
        org.openqa.selenium.By running =
            org.openqa.selenium.By.cssSelector("[data-field=running] .value");
        assertThat(browser.text(running)).isEqualTo("1");
        burst(api, dataDir, endpoint, browser, running);
      }
    }
  }

  private void burst(
      ApiClient api,
      Path dataDir,
      Endpoint endpoint,
      dev.railyard.host.testing.Chromium browser,
      org.openqa.selenium.By running)
      throws Exception {
    {
      // when a burst of 2,000 events arrives
      java.time.Instant burstAt = java.time.Instant.now();
      long t0 = System.nanoTime();
      Set<String> sent = putEvents(api, "burst", 2000);

      // then within 15 s the target has more tasks and more workers are asked for
      await("more tasks and workers within 15 s of the burst")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                JsonNode status = api.get("/api/v1/autoscale").json();
                return connector(status, TARGET).path("tasks").asInt() > 1
                    && status.path("workers").path("desired").asInt() > 1;
              });
      double scaledAfter = (System.nanoTime() - t0) / 1e9;
      // and the page shows the workers going up, and the target's decision with its reason
      browser
          .waitUpTo(Duration.ofSeconds(60))
          .until(d -> Integer.parseInt(d.findElement(running).getText()) > 1);
      assertThat(browser.texts("#view td[data-field=target]")).contains(TARGET);

      // and every event arrives, far sooner than one task would take (~100 s)
      try {
        await("all 2,000 events at the endpoint")
            .atMost(Duration.ofSeconds(90))
            .until(() -> EventIds.in(endpoint.delivered()).containsAll(sent));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        System.out.printf(
            "AutoscaleIT: %d of %d delivered; autoscale %s; decisions %s; target %s%n",
            EventIds.in(endpoint.delivered()).size(),
            sent.size(),
            api.get("/api/v1/autoscale").body(),
            api.get("/api/v1/autoscale/decisions").body(),
            api.get("/api/v1/connectors/" + TARGET).body());
        throw e;
      }
      double drainedAfter = (System.nanoTime() - t0) / 1e9;
      Map<String, Integer> attempts = endpoint.attemptsById();
      long duplicates = attempts.values().stream().filter(n -> n > 1).count();
      System.out.printf(
          "AutoscaleIT: scaled after %.1f s, drained after %.1f s; %d sent, %d delivered, %d"
              + " delivered more than once%n",
          scaledAfter, drainedAfter, sent.size(), attempts.size(), duplicates);
      assertThat(attempts.keySet()).containsAll(sent);
      // one task alone needs ~110 s here (~18 events/s: 50 ms a call plus the sink's own time);
      // three tasks drained it in 56-70 s, rebalances included, on this 2-core machine
      assertThat(drainedAfter).isLessThan(90);

      // and the decisions say why
      JsonNode decisions = api.get("/api/v1/autoscale/decisions").json().path("decisions");
      assertThat(
              StreamSupport.stream(decisions.spliterator(), false)
                  .filter(d -> d.path("target").asText().equals(TARGET))
                  .filter(d -> d.path("to").asInt() > d.path("from").asInt())
                  .map(d -> d.path("reason").asText()))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r).startsWith(TARGET + ": lag ").contains("tasks 1 → 3"));
      assertThat(
              StreamSupport.stream(decisions.spliterator(), false)
                  .filter(d -> d.path("target").asText().equals("workers"))
                  .filter(d -> d.path("outcome").asText().equals("applied"))
                  .map(d -> d.path("reason").asText()))
          .anySatisfy(r -> assertThat(r).contains("busy tasks at 2 per worker; workers 1 → "));

      // and after the stabilization window the workers return to the reserved count
      await("the workers back at 1 after the stabilization window")
          .atMost(Duration.ofSeconds(150))
          .until(
              () -> {
                JsonNode w = api.get("/api/v1/autoscale").json().path("workers");
                return w.path("running").asInt() == 1
                    && w.path("desired").asInt() == 1
                    && api.get("/api/v1/workers").json().path("count").asInt() == 1;
              });
      browser
          .waitUpTo(Duration.ofSeconds(30))
          .until(d -> d.findElement(running).getText().equals("1"));

      // and each step cost at most one rebalance of the Connect group, as its workers logged it
      await("the Connect group at rest with worker-1 alone")
          .atMost(Duration.ofSeconds(30))
          .until(() -> ConnectRebalances.settled(dataDir, Set.of("worker-1")));
      List<ConnectRebalances.Step> steps =
          ConnectRebalances.perStep(
              ConnectRebalances.generations(dataDir),
              api.get("/api/v1/autoscale/decisions").json().path("decisions"),
              burstAt);
      System.out.println("AutoscaleIT: Connect rebalances per autoscaler step:");
      steps.forEach(s -> System.out.println("  " + s));
      keepLogsIfFails(
          dataDir,
          () ->
              assertThat(steps)
                  .as("the steps: tasks and workers went up and came back")
                  .hasSizeGreaterThanOrEqualTo(3)
                  .allSatisfy(
                      s -> {
                        assertThat(s.changes()).as("one change a step").hasSize(1);
                        assertThat(s.rebalances()).as("rebalances of %s", s).isLessThanOrEqualTo(1);
                        assertThat(s.generations())
                            .as("tasks held back for a departed worker in %s", s)
                            .noneMatch(g -> g.delay() > 0);
                      }));

      // and the figures are in Prometheus
      String metrics = api.get("/metrics").body();
      assertThat(metrics)
          .contains("railyard_autoscale_workers_desired")
          .contains("railyard_autoscale_tasks_desired{connector=\"" + TARGET + "\"}")
          .contains("railyard_autoscale_lag_records{connector=\"" + TARGET + "\"}")
          .contains("railyard_autoscale_decisions_total");
    }
  }

  @Test
  void shouldRefuseABadPolicyNamingTheKeyAndKeepTheOneInForce(ApiClient api) {
    JsonNode before = api.get("/api/v1/autoscale").json().path("policy");

    ApiClient.Response minAboveMax = api.put("/api/v1/autoscale", "{\"autoscale.workers.min\": 5}");
    ApiClient.Response unknown = api.put("/api/v1/autoscale", "{\"autoscale.speed\": \"fast\"}");
    ApiClient.Response schedule =
        api.put("/api/v1/autoscale", "{\"autoscale.schedule\": \"mon 25:00-26:00 workers=2\"}");

    assertThat(minAboveMax.status()).isEqualTo(400);
    assertThat(minAboveMax.json().at("/error/message").asText())
        .contains("autoscale.workers.min")
        .contains("cannot exceed autoscale.workers.max (3)");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/details/key").asText()).isEqualTo("autoscale.speed");
    assertThat(schedule.status()).isEqualTo(400);
    assertThat(schedule.json().at("/error/message").asText()).contains("'25:00' is not a time");
    assertThat(api.get("/api/v1/autoscale").json().path("policy")).isEqualTo(before);

    ApiClient.Response ok =
        api.put("/api/v1/autoscale", "{\"autoscale.drain.target.seconds\": 30}");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().at("/policy/autoscale.drain.target.seconds").asText()).isEqualTo("30");
    api.put("/api/v1/autoscale", "{\"autoscale.drain.target.seconds\": 60}");
  }

  /** Runs {@code check}; when it fails, keeps the workers' logs in target/ to read why. */
  private static void keepLogsIfFails(Path dataDir, Runnable check) throws java.io.IOException {
    try {
      check.run();
    } catch (AssertionError e) {
      Path kept = Path.of("target", "autoscale-it-logs");
      java.nio.file.Files.createDirectories(kept);
      try (java.util.stream.Stream<Path> logs = java.nio.file.Files.list(dataDir.resolve("logs"))) {
        for (Path log : logs.toList()) {
          java.nio.file.Files.copy(
              log,
              kept.resolve(log.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.out.println("AutoscaleIT: the workers' logs are in " + kept.toAbsolutePath());
      throw e;
    }
  }

  private static JsonNode connector(JsonNode status, String name) {
    for (JsonNode c : status.path("connectors")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static int tasksOf(ApiClient api, String connector) {
    JsonNode c = api.get("/api/v1/connectors/" + connector).json();
    return c.path("config").path("tasks.max").asInt(-1);
  }
}
