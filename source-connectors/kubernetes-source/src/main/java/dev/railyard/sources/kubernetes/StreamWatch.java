package dev.railyard.sources.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Lists and watches one stream's objects for the task: a list page by page, then a watch from the
 * list's resourceVersion with bookmarks, whose events and end go into the task's queue tagged with
 * the watch's generation, so the task can tell a stale watch's last events from the current one's.
 * Its methods are called from the task's thread; fabric8 calls the watcher from its own.
 */
final class StreamWatch {

  /** Something a watch said: a change, a bookmark, or its end. */
  sealed interface Signal {
    Stream stream();

    long generation();
  }

  record Change(
      Stream stream, long generation, Watcher.Action action, GenericKubernetesResource object)
      implements Signal {}

  /**
   * @param cause why the watch ended; a 410 Gone says its resourceVersion is too old
   */
  record Ended(Stream stream, long generation, WatcherException cause) implements Signal {}

  /** One consistent list: its objects and the resourceVersion to watch from. */
  record Listing(List<GenericKubernetesResource> items, String resourceVersion) {}

  private static final long PAGE = 500;

  private final Stream stream;
  private final KubernetesClient client;
  private final String labelSelector;
  private final BlockingQueue<Signal> signals;
  private long generation;
  private Watch watch;

  StreamWatch(
      Stream stream, KubernetesClient client, String labelSelector, BlockingQueue<Signal> signals) {
    this.stream = stream;
    this.client = client;
    this.labelSelector = labelSelector;
    this.signals = signals;
  }

  long generation() {
    return generation;
  }

  /** Every object the stream covers now, in pages of {@value #PAGE}. */
  Listing list() {
    List<GenericKubernetesResource> items = new ArrayList<>();
    String resourceVersion = null;
    String next = null;
    do {
      ListOptionsBuilder options = new ListOptionsBuilder().withLimit(PAGE);
      if (next != null) {
        options.withContinue(next);
      }
      GenericKubernetesResourceList page = resources().list(options.build());
      items.addAll(page.getItems());
      if (resourceVersion == null && page.getMetadata() != null) {
        resourceVersion = page.getMetadata().getResourceVersion();
      }
      next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return new Listing(items, resourceVersion);
  }

  /** Ends the watch there is, if any, and watches from {@code resourceVersion} on. */
  void watchFrom(String resourceVersion) {
    close();
    long current = ++generation;
    ListOptions options =
        new ListOptionsBuilder()
            .withResourceVersion(resourceVersion)
            .withAllowWatchBookmarks(true)
            .build();
    watch =
        resources()
            .watch(
                options,
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, GenericKubernetesResource object) {
                    signals.add(new Change(stream, current, action, object));
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    signals.add(new Ended(stream, current, cause));
                  }
                });
  }

  void close() {
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  private FilterWatchListDeletable<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources() {
    var kind = client.genericKubernetesResources(stream.kind().context());
    var scoped =
        stream.allNamespaces() ? kind.inAnyNamespace() : kind.inNamespace(stream.namespace());
    return labelSelector == null ? scoped : scoped.withLabelSelector(labelSelector);
  }
}
