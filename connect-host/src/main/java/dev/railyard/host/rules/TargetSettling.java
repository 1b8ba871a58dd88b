package dev.railyard.host.rules;

import dev.railyard.api.platform.Outcome;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.model.Target;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.store.RuleLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connectors of every rule in line with the rules in force and with which targets are
 * awake: at start (a restart may change what the connectors must hold, such as the embedded
 * broker's address), after every reading of the target figures in which a target woke or fell
 * asleep ({@link TargetSleep}), and after a change that failed part way, until it succeeds.
 * Settling runs on the rule-change thread, after any change queued before it. Thread-safe.
 */
final class TargetSettling {

  private static final Logger log = LoggerFactory.getLogger(TargetSettling.class);

  private final RuleLog rules;
  private final RuleReconciler reconciler;
  private final TargetSleep sleep;
  private final TargetStats stats;
  private final RuleChanges changes;

  /** Whether the connectors may differ from the rules in force (a change failed part way). */
  private volatile boolean unsettled;

  TargetSettling(
      RuleLog rules,
      RuleReconciler reconciler,
      TargetSleep sleep,
      TargetStats stats,
      RuleChanges changes) {
    this.rules = rules;
    this.reconciler = reconciler;
    this.sleep = sleep;
    this.stats = stats;
    this.changes = changes;
  }

  /** Whether a target's connector should run now. */
  boolean awake(String connector) {
    return sleep.awake(connector);
  }

  /** Takes the running target connectors as awake and settles; before taking requests. */
  void start() {
    if (!rules.rules().isEmpty()) {
      sleep.running(reconciler.runningTargets());
      settle();
    }
  }

  /** Says that a change may have left the connectors out of line; the next reading settles. */
  void unsettled() {
    unsettled = true;
  }

  /** Brings every router and target connector in line with the rules in force; blocking. */
  void settle() {
    Map<String, Rule> all = rules.rules();
    if (all.isEmpty() && !unsettled) {
      return;
    }
    List<String> missing = new ArrayList<>();
    Map<String, Map<String, String>> templates =
        reconciler.templates(new ArrayList<>(all.values()), missing);
    missing.forEach(m -> log.warn("Rule target left as it is: {}", m));
    RuleReconciler.Changed changed = reconciler.connectors(all, templates, this::awake);
    unsettled = false;
    if (!changed.isEmpty()) {
      log.info(
          "Connectors settled: created or changed {}, removed {}",
          changed.written(),
          changed.removed());
    }
  }

  /**
   * Reads the target figures, then lets targets wake or fall asleep; the connectors follow on the
   * rule-change thread. Called by the figures' timer.
   */
  void refresh() {
    try {
      Map<String, Rule> all = rules.rules();
      stats.refresh(all);
      TargetSleep.Changes changed = sleep.observe(readings(all));
      if (!changed.isEmpty()) {
        log.info("Targets waking: {}; falling asleep: {}", changed.woken(), changed.asleep());
      }
      if (!changed.isEmpty() || unsettled) {
        changes.run(
            () -> {
              settle();
              return Outcome.ok(null);
            });
      }
    } catch (RuntimeException e) {
      // refresh catches what reading throws; this is a bug, and the timer must go on
      log.warn("Target figures not refreshed", e);
    }
  }

  /**
   * Wakes the sleeping targets whose delivery topics grew since the last reading of the figures,
   * without waiting for the next: one ListOffsets request. Called every second.
   */
  void wakeCheck() {
    if (!sleep.enabled()) {
      return;
    }
    try {
      List<String[]> asleep = new ArrayList<>();
      for (Rule r : rules.rules().values()) {
        for (Target t : r.targets()) {
          if (!sleep.awake(Topology.targetConnectorName(r.name(), t.name()))) {
            asleep.add(new String[] {r.name(), t.name()});
          }
        }
      }
      Set<String> grown = new TreeSet<>();
      stats
          .grownSinceRefresh(asleep)
          .forEach(rt -> grown.add(Topology.targetConnectorName(rt[0], rt[1])));
      Set<String> woken = sleep.wake(grown);
      if (!woken.isEmpty()) {
        log.info("Targets waking: {}", woken);
        changes.run(
            () -> {
              settle();
              return Outcome.ok(null);
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the next reading of the figures wakes them
      log.debug("Sleeping targets not looked at: {}", e.toString());
    }
  }

  /** Each target's figures as last read, by connector; targets not read yet are left out. */
  private Map<String, TargetSleep.Reading> readings(Map<String, Rule> all) {
    Map<String, TargetSleep.Reading> readings = new HashMap<>();
    for (Rule r : all.values()) {
      for (Target t : r.targets()) {
        TargetStats.Figures f = stats.of(r.name(), t.name());
        if (f != null) {
          readings.put(
              Topology.targetConnectorName(r.name(), t.name()),
              new TargetSleep.Reading(f.routed(), f.lag()));
        }
      }
    }
    return readings;
  }
}
