package dev.railyard.host.rules;

import dev.railyard.api.platform.UnavailableException;
import dev.railyard.rules.model.Rule;
import dev.railyard.rules.store.RuleLog;
import dev.railyard.rules.store.RuleRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rule changes to the rules topic and reads them back, and takes a change back when what
 * follows it fails: an apply is all or nothing. Rolling back writes each touched rule as it was
 * before (a tombstone for one the change created) and deletes the topics the change created for
 * rules that did not exist before. Called on the rule-change thread only.
 */
final class RuleWriter {

  private static final Logger log = LoggerFactory.getLogger(RuleWriter.class);
  private static final Duration READ_BACK = Duration.ofSeconds(30);

  private final RuleLog rules;
  private final Producer<String, String> producer;
  private final RuleReconciler reconciler;

  RuleWriter(RuleLog rules, Producer<String, String> producer, RuleReconciler reconciler) {
    this.rules = rules;
    this.producer = producer;
    this.reconciler = reconciler;
  }

  /**
   * Creates the topics the changed rules need, writes the diff and waits until the rules log shows
   * it.
   *
   * @return the topics created for it
   */
  List<String> write(RuleDiff diff) throws Exception {
    List<String> created = reconciler.ensureTopics(diff.changed());
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (Rule rule : diff.changed()) {
      records.add(new ProducerRecord<>(RuleRecords.TOPIC, rule.name(), RuleRecords.write(rule)));
    }
    for (String name : diff.deleted()) {
      records.add(new ProducerRecord<>(RuleRecords.TOPIC, name, null));
    }
    send(records);
    if (!rules.await(diff::isReflectedIn, READ_BACK)) {
      throw new UnavailableException(
          "the rules written were not read back within " + READ_BACK, null);
    }
    return created;
  }

  /**
   * Puts every rule {@code diff} touched back as it is in {@code before}, and deletes {@code
   * created} topics of rules {@code before} did not have.
   *
   * @throws Exception when the rules topic cannot be written or read back either; the rules in
   *     force may then hold part of the change
   */
  void rollBack(Map<String, Rule> before, RuleDiff diff, List<String> created) throws Exception {
    Set<String> touched = new HashSet<>(diff.deleted());
    diff.changed().forEach(r -> touched.add(r.name()));
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (String name : touched) {
      Rule old = before.get(name);
      records.add(
          new ProducerRecord<>(
              RuleRecords.TOPIC, name, old == null ? null : RuleRecords.write(old)));
    }
    send(records);
    if (!rules.await(
        now -> touched.stream().allMatch(n -> Objects.equals(now.get(n), before.get(n))),
        READ_BACK)) {
      throw new UnavailableException(
          "the rules taken back were not read back within " + READ_BACK, null);
    }
    Set<String> ofNewRules = new HashSet<>();
    diff.changed().stream()
        .filter(r -> !before.containsKey(r.name()))
        .forEach(r -> ofNewRules.addAll(RuleReconciler.topicsOf(r)));
    List<String> orphans = created.stream().filter(ofNewRules::contains).toList();
    try {
      reconciler.deleteTopics(orphans);
    } catch (Exception e) {
      // empty topics of rules that do not exist; an apply of the same rules uses them again
      log.warn("Topics of rules not applied left in place: {} ({})", orphans, e.toString());
    }
  }

  /** Writes a rule's tombstone and waits until the rules log no longer holds it. */
  void delete(String name) throws Exception {
    send(List.of(new ProducerRecord<>(RuleRecords.TOPIC, name, null)));
    if (!rules.await(r -> !r.containsKey(name), READ_BACK)) {
      throw new UnavailableException("the deletion was not read back within " + READ_BACK, null);
    }
  }

  private void send(List<ProducerRecord<String, String>> records) throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<String, String> r : records) {
      sent.add(producer.send(r));
    }
    for (Future<RecordMetadata> f : sent) {
      f.get(60, TimeUnit.SECONDS);
    }
  }
}
