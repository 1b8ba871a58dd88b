package dev.railyard.host.events;

import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.RuleAdmin;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.api.platform.UnavailableException;
import dev.railyard.api.platform.answers.BusView;
import dev.railyard.api.platform.answers.Deleted;
import dev.railyard.api.platform.answers.RuleView;
import dev.railyard.rules.cloudevents.EventEntries;
import dev.railyard.rules.model.Names;
import dev.railyard.rules.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buses as their Kafka topics: listed and described with the Admin client, created through
 * {@link BusTopics} (within {@code bus.max}), deleted with their dead letters once no rule reads
 * them. Blocks on the Admin client; the API calls it off its event loop. Thread-safe.
 */
public final class BusService implements BusAdmin {

  private static final Logger log = LoggerFactory.getLogger(BusService.class);
  private static final long TIMEOUT_MS = 30_000;

  private final Admin admin;
  private final BusTopics topics;
  private final Supplier<Map<String, List<String>>> rulesByBus;

  /**
   * @param rulesByBus the names of the rules of each bus, now
   */
  public BusService(Admin admin, BusTopics topics, Supplier<Map<String, List<String>>> rulesByBus) {
    this.admin = admin;
    this.topics = topics;
    this.rulesByBus = rulesByBus;
  }

  /** The names of the rules of each bus, as the rule service lists them. */
  public static Supplier<Map<String, List<String>>> rulesByBus(RuleAdmin rules) {
    return () -> {
      Map<String, List<String>> byBus = new HashMap<>();
      Page<RuleView> page =
          rules.list(BusScope.ALL, RuleQuery.ALL).toCompletableFuture().join().body();
      for (RuleView rule : page == null ? List.<RuleView>of() : page.items()) {
        byBus.computeIfAbsent(rule.bus(), b -> new ArrayList<>()).add(rule.name());
      }
      return byBus;
    };
  }

  @Override
  public CompletionStage<Outcome<Page<BusView>>> list(BusScope scope) {
    return call(
        () -> {
          Set<String> buses = new TreeSet<>();
          for (String topic : topicNames()) {
            if (Topology.isBusTopic(topic) && scope.allows(Topology.busOfTopic(topic))) {
              buses.add(Topology.busOfTopic(topic));
            }
          }
          List<BusView> views = views(buses);
          return Outcome.ok(new Page<>(views, views.size(), 0, null));
        });
  }

  @Override
  public CompletionStage<Outcome<BusView>> get(BusScope scope, String name) {
    return call(
        () -> {
          if (Names.busNameProblem(name).isPresent() || !scope.allows(name)) {
            return notFound(name);
          }
          List<BusView> view = views(Set.of(name));
          return view.isEmpty() ? notFound(name) : Outcome.ok(view.get(0));
        });
  }

  @Override
  public CompletionStage<Outcome<BusView>> create(BusScope scope, String name) {
    Optional<String> problem = Names.busNameProblem(name);
    if (problem.isPresent()) {
      return done(
          Outcome.refused(
              Outcome.Kind.INVALID,
              "INVALID_BUS_NAME",
              "bus \"" + name + "\": " + problem.get(),
              Map.of("field", "name")));
    }
    if (!scope.allows(name)) {
      return done(outOfScope(name));
    }
    return call(
        () -> {
          BusTopics.Creation made = topics.createBus(name);
          if (made.refusal() != null) {
            return Outcome.refused(
                Outcome.Kind.CONFLICT,
                "TOO_MANY_BUSES",
                "bus \"" + name + "\" cannot be created: " + made.refusal(),
                null);
          }
          BusView view = views(Set.of(name)).get(0);
          if (made.created()) {
            log.info("Created bus {} on request", name);
            return Outcome.created(view);
          }
          return Outcome.ok(view);
        });
  }

  @Override
  public CompletionStage<Outcome<Deleted>> delete(BusScope scope, String name) {
    return call(
        () -> {
          if (Names.busNameProblem(name).isPresent() || !scope.allows(name)) {
            return notFound(name);
          }
          Set<String> names = topicNames();
          if (!names.contains(Topology.busTopic(name))) {
            return notFound(name);
          }
          if (name.equals(EventEntries.DEFAULT_BUS)) {
            return Outcome.refused(
                Outcome.Kind.CONFLICT,
                "BUS_IN_USE",
                "the default bus always exists: events that name no bus go there",
                null);
          }
          List<String> readers = rulesOf(name);
          if (!readers.isEmpty()) {
            return Outcome.refused(
                Outcome.Kind.CONFLICT,
                "BUS_IN_USE",
                "bus \""
                    + name
                    + "\" is read by "
                    + readers.size()
                    + " rule(s): "
                    + String.join(", ", readers)
                    + "; delete them or move them to another bus first",
                Map.of("rules", readers));
          }
          List<String> doomed = new ArrayList<>(List.of(Topology.busTopic(name)));
          if (names.contains(Topology.busDeadLetterTopic(name))) {
            doomed.add(Topology.busDeadLetterTopic(name));
          }
          topics.forget(name);
          admin.deleteTopics(doomed).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
          log.info("Deleted bus {} (topics {})", name, doomed);
          return Outcome.ok(Deleted.of(name));
        });
  }

  /** The buses among {@code buses} whose topics exist, described, by name. */
  private List<BusView> views(Set<String> buses)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> wanted = buses.stream().map(Topology::busTopic).toList();
    Map<String, TopicDescription> described;
    try {
      described =
          admin.describeTopics(wanted).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || buses.size() != 1) {
        throw e;
      }
      return List.of(); // the one bus asked for does not exist
    }
    Map<String, List<String>> readers = rulesByBus.get();
    List<BusView> views = new ArrayList<>();
    for (String bus : new TreeSet<>(buses)) {
      TopicDescription d = described.get(Topology.busTopic(bus));
      if (d != null) {
        views.add(
            new BusView(
                bus, d.name(), d.partitions().size(), readers.getOrDefault(bus, List.of())));
      }
    }
    return views;
  }

  private List<String> rulesOf(String bus) {
    return rulesByBus.get().getOrDefault(bus, List.of());
  }

  private Set<String> topicNames()
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static <T> Outcome<T> notFound(String name) {
    return Outcome.refused(
        Outcome.Kind.NOT_FOUND, "BUS_NOT_FOUND", "no bus \"" + name + "\"", null);
  }

  private static <T> Outcome<T> outOfScope(String name) {
    return Outcome.refused(
        Outcome.Kind.FORBIDDEN,
        "BUS_OUT_OF_SCOPE",
        "this token may not use bus \"" + name + "\"",
        Map.of("bus", name));
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  /** Runs a blocking Admin call; Kafka not answering is a failed stage the API answers 503. */
  private interface Blocking<T> {
    T run() throws InterruptedException, ExecutionException, TimeoutException;
  }

  private static <T> CompletionStage<Outcome<T>> call(Blocking<Outcome<T>> call) {
    try {
      return done(call.run());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(new UnavailableException("interrupted", e));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      return CompletableFuture.failedFuture(
          new UnavailableException("Kafka did not answer about the buses: " + cause, cause));
    }
  }
}
