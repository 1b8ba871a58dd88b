package dev.railyard.sources.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.connectors.support.kubernetes.KubernetesConnection;
import dev.railyard.sources.kubernetes.ObjectEvents.Verb;
import dev.railyard.sources.kubernetes.SeenObjects.Seen;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows its streams (kinds in namespaces) and writes a CloudEvent per change.
 *
 * <p>What it has seen of each object is in its source offsets ({@link SeenObjects}). At start, and
 * whenever a watch ends with 410 Gone (its resourceVersion too old), a stream is listed and the
 * list diffed against what was seen: an add for each object not seen, an update for each whose
 * resourceVersion moved, a delete for each seen one that is gone, nothing for the rest. Then it
 * watches from the list's resourceVersion with bookmarks, so fabric8 resumes a dropped connection
 * where the last event or bookmark left it. Nothing is missed over a gap, and nothing seen is sent
 * again, unless Connect had not committed it; then it is sent again with the same id.
 *
 * <p>Connect calls it from one thread; fabric8's watch threads only add to its queue.
 */
public class KubernetesSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(KubernetesSourceTask.class);
  private static final long WAIT_MS = 500;

  private final Clock clock;
  private final BlockingQueue<StreamWatch.Signal> signals = new LinkedBlockingQueue<>();
  private final Map<Stream, StreamWatch> watches = new LinkedHashMap<>();
  private final Map<Stream, SeenObjects> seen = new LinkedHashMap<>();
  private final Set<Stream> toList = new LinkedHashSet<>();
  private KubernetesClient client;
  private ObjectEvents events;
  private int maxRecords;

  public KubernetesSourceTask() {
    this(Clock.systemUTC());
  }

  KubernetesSourceTask(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void start(Map<String, String> props) {
    KubernetesSourceConfig config = new KubernetesSourceConfig(props);
    KubernetesConnection connection = config.connection();
    client = connection.client();
    String source = config.getString(KubernetesSourceConfig.CLOUDEVENTS_SOURCE_CONFIG).strip();
    events =
        new ObjectEvents(config.topic(), source.isEmpty() ? connection.url(client) : source, clock);
    maxRecords = config.getInt(KubernetesSourceConfig.POLL_MAX_RECORDS_CONFIG);
    for (Stream stream : config.taskStreams()) {
      SeenObjects objects = SeenObjects.load(stream, context.offsetStorageReader());
      seen.put(stream, objects);
      watches.put(stream, new StreamWatch(stream, client, config.labelSelector(), signals));
      toList.add(stream);
      log.info("Following {} from {} objects seen before", stream, objects.size());
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    List<SourceRecord> records = new ArrayList<>();
    relist(records);
    StreamWatch.Signal signal =
        records.isEmpty() ? signals.poll(WAIT_MS, TimeUnit.MILLISECONDS) : signals.poll();
    while (signal != null) {
      handle(signal, records);
      signal = records.size() >= maxRecords ? null : signals.poll();
    }
    return records.isEmpty() ? null : records;
  }

  /** Lists and diffs each stream that needs it; one that cannot be listed now is tried again. */
  private void relist(List<SourceRecord> records) {
    for (Stream stream : List.copyOf(toList)) {
      try {
        relist(stream, records);
        toList.remove(stream);
      } catch (KubernetesClientException e) {
        if (records.isEmpty()) {
          throw new RetriableException("cannot list " + stream + ": " + e.getMessage(), e);
        }
        log.warn("Cannot list {}, trying again at the next poll: {}", stream, e.getMessage());
      }
    }
  }

  private void relist(Stream stream, List<SourceRecord> records) {
    StreamWatch watch = watches.get(stream);
    StreamWatch.Listing listing = watch.list();
    SeenObjects objects = seen.get(stream);
    Set<String> present = new HashSet<>();
    int before = records.size();
    for (GenericKubernetesResource object : listing.items()) {
      present.add(object.getMetadata().getUid());
      changed(stream, object, records);
    }
    for (String uid : objects.uids()) {
      if (!present.contains(uid)) {
        Seen gone = objects.get(uid);
        objects.remove(uid);
        records.add(
            events.record(
                stream,
                Verb.DELETE,
                ObjectEvents.identity(stream, uid, gone),
                objects.partitionOf(uid),
                objects.offsetOf(uid)));
      }
    }
    log.info(
        "Listed {}: {} objects, {} changes since last seen; watching from resourceVersion {}",
        stream,
        listing.items().size(),
        records.size() - before,
        listing.resourceVersion());
    watch.watchFrom(listing.resourceVersion());
  }

  private void handle(StreamWatch.Signal signal, List<SourceRecord> records) {
    StreamWatch watch = watches.get(signal.stream());
    if (watch == null || signal.generation() != watch.generation()) {
      return; // the last words of a watch replaced by a list since
    }
    if (signal instanceof StreamWatch.Ended ended) {
      if (ended.cause() == null) {
        return;
      }
      if (ended.cause().isHttpGone()) {
        log.info("The watch of {} is too old (410 Gone): listing again", signal.stream());
      } else {
        log.warn(
            "The watch of {} ended: {}; listing again",
            signal.stream(),
            ended.cause().getMessage());
      }
      toList.add(signal.stream());
      return;
    }
    StreamWatch.Change change = (StreamWatch.Change) signal;
    switch (change.action()) {
      case ADDED, MODIFIED -> changed(change.stream(), change.object(), records);
      case DELETED -> deleted(change.stream(), change.object(), records);
      case BOOKMARK ->
          log.debug(
              "Bookmark of {} at resourceVersion {}",
              change.stream(),
              change.object().getMetadata().getResourceVersion());
      case ERROR -> log.warn("The watch of {} sent an error: {}", change.stream(), change.object());
    }
  }

  /** An add for an object not seen, an update for one whose resourceVersion moved, else nothing. */
  private void changed(
      Stream stream, GenericKubernetesResource object, List<SourceRecord> records) {
    ObjectMeta meta = object.getMetadata();
    SeenObjects objects = seen.get(stream);
    Seen before = objects.get(meta.getUid());
    if (before != null && before.resourceVersion().equals(meta.getResourceVersion())) {
      return;
    }
    objects.put(
        meta.getUid(),
        new Seen(meta.getResourceVersion(), nullToEmpty(meta.getNamespace()), meta.getName()));
    records.add(
        events.record(
            stream,
            before == null ? Verb.ADD : Verb.UPDATE,
            json(object),
            objects.partitionOf(meta.getUid()),
            objects.offsetOf(meta.getUid())));
  }

  private void deleted(
      Stream stream, GenericKubernetesResource object, List<SourceRecord> records) {
    String uid = object.getMetadata().getUid();
    SeenObjects objects = seen.get(stream);
    objects.remove(uid);
    records.add(
        events.record(
            stream, Verb.DELETE, json(object), objects.partitionOf(uid), objects.offsetOf(uid)));
  }

  private static JsonNode json(GenericKubernetesResource object) {
    return ObjectEvents.tree(object);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public void stop() {
    // closing the client ends its watches
    if (client != null) {
      client.close();
    }
  }

  @Override
  public String version() {
    return KubernetesSourceConnector.VERSION;
  }
}
