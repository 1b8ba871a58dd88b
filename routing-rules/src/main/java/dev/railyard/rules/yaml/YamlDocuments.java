package dev.railyard.rules.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Splits a YAML text into document trees that are safe to walk. A first pass over the events
 * reports syntax errors, aliases (refused: they can expand a small file into a huge one) and too
 * deep nesting, and counts the documents; only then are the readable documents without aliases
 * composed into nodes. Stateless.
 */
final class YamlDocuments {

  /** Largest file, in characters. */
  static final int MAX_CHARS = 1024 * 1024;

  /** Most documents in one file. */
  static final int MAX_DOCUMENTS = 1000;

  /** Deepest nesting of mappings and sequences. */
  static final int MAX_DEPTH = 64;

  /** A document tree and its 1-based number in the file. */
  record Document(int number, Node root) {}

  private YamlDocuments() {}

  static List<Document> read(Report report, String text) {
    if (text.length() > MAX_CHARS) {
      report.add(
          1,
          1,
          "",
          "the file is larger than " + MAX_CHARS + " characters; split it into several files");
      return List.of();
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel("rules")
            .setAllowDuplicateKeys(true)
            .setMaxAliasesForCollections(Integer.MAX_VALUE)
            .setAllowRecursiveKeys(true)
            .setCodePointLimit(MAX_CHARS * 2)
            .build();
    Scan scan = scan(report, settings, text);
    if (scan.unsafe) {
      return List.of();
    }
    List<Document> documents = new ArrayList<>();
    Iterator<Node> nodes = new Compose(settings).composeAllFromString(text).iterator();
    try {
      for (int number = 1; number <= scan.complete && nodes.hasNext(); number++) {
        Node root = nodes.next();
        boolean empty = Values.isNull(root) && Values.text(root).isEmpty();
        if (!scan.withAliases.contains(number) && !empty) {
          documents.add(new Document(number, root));
        }
      }
    } catch (YamlEngineException e) {
      // the event pass has reported why this document cannot be read; the ones before it still
      // count
    }
    return documents;
  }

  /**
   * The event pass: complete documents, documents with aliases, and whether composing is unsafe.
   */
  private static final class Scan {
    private final Report report;
    private final Set<Integer> withAliases = new HashSet<>();
    private int complete;
    private boolean unsafe;
    private int number;
    private int depth;

    private Scan(Report report) {
      this.report = report;
    }

    /** Checks one event; false when reading must stop. */
    private boolean accept(Event event) {
      switch (event.getEventId()) {
        case DocumentStart -> {
          report.document(++number);
          return number <= MAX_DOCUMENTS
              || stop(
                  event,
                  "a file holds at most "
                      + MAX_DOCUMENTS
                      + " documents; split it into several files");
        }
        case DocumentEnd -> complete = number;
        case MappingStart, SequenceStart -> {
          return ++depth <= MAX_DEPTH || stop(event, "nested deeper than " + MAX_DEPTH + " levels");
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          report.add(
              event.getStartMark(),
              "",
              "aliases are not allowed (*"
                  + ((AliasEvent) event).getAlias()
                  + "); write the value out, as an alias can expand a small file into a huge one");
          withAliases.add(number);
        }
        default -> {
          // scalars and stream events need no check
        }
      }
      return true;
    }

    private boolean stop(Event event, String message) {
      report.add(event.getStartMark(), "", message);
      unsafe = true;
      return false;
    }
  }

  private static Scan scan(Report report, LoadSettings settings, String text) {
    Scan scan = new Scan(report);
    try {
      for (Event event : new Parse(settings).parseString(text)) {
        if (!scan.accept(event)) {
          break;
        }
      }
    } catch (YamlEngineException e) {
      syntax(report, e);
    }
    return scan;
  }

  private static void syntax(Report report, YamlEngineException e) {
    if (e instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
      String context =
          marked.getContext() == null
              ? ""
              : " ("
                  + marked.getContext()
                  + marked
                      .getContextMark()
                      .map(m -> " started at " + Report.at(marked.getContextMark()))
                      .orElse("")
                  + ")";
      report.add(marked.getProblemMark(), "", "invalid YAML: " + marked.getProblem() + context);
    } else {
      report.add(1, 1, "", "invalid YAML: " + e.getMessage());
    }
  }
}
