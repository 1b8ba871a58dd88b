package dev.railyard.autoscale.kubernetes;

import dev.railyard.autoscale.actuate.WorkerActuator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers as the replica count of a Deployment, a StatefulSet or a Strimzi KafkaConnect. {@link
 * #scaleTo} sets {@code spec.replicas} with a JSON merge patch, then reads the resource until its
 * controller reports that many ready (see {@link ReplicaState#of} for what counts as ready per
 * kind) or the ready timeout passes. It needs {@link #VERBS} on the resource and nothing else: no
 * watch, no pods.
 *
 * <p>{@link #currentWorkers} and {@link #desiredWorkers} read the resource from the API server each
 * time (one request, within the client's request timeout) and throw {@link IllegalStateException},
 * naming the resource and the reason, when it cannot be read. Thread-safe: scale requests run one
 * at a time on a thread of their own, in the order made; the wait for ready replicas is a check
 * scheduled every poll interval, so no thread sleeps through it.
 */
public final class KubernetesWorkerActuator implements WorkerActuator, AutoCloseable {

  /** What the actuator asks of the API server: what the control plane's Role must allow. */
  public static final List<String> VERBS = List.of("get", "patch");

  /** How long a scale request waits for the replicas to be ready: image pulls included. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(5);

  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(KubernetesWorkerActuator.class);

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final KubernetesTarget target;
  private final int minWorkers;
  private final int maxWorkers;
  private final Duration readyTimeout;
  private final Duration pollInterval;
  private final ScheduledExecutorService scaler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "railyard-kubernetes-scaler");
            t.setDaemon(true);
            return t;
          });
  private final Object lock = new Object();
  private int pending; // scale requests made and not yet ended; guarded by lock
  private int requested; // the count of the last one; guarded by lock
  // ends when the last request made has ended, never exceptionally; guarded by lock
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private final Map<CompletableFuture<Void>, Integer> open = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param client the client to reach the API server with; stays open on {@link #close}
   * @param target the resource to scale
   * @param minWorkers the smallest count {@link #scaleTo} accepts, at least 0
   * @param maxWorkers the largest count {@link #scaleTo} accepts, at least {@code minWorkers}
   * @param readyTimeout how long a scale request waits for the replicas to be ready
   */
  public KubernetesWorkerActuator(
      KubernetesClient client,
      KubernetesTarget target,
      int minWorkers,
      int maxWorkers,
      Duration readyTimeout) {
    this(client, false, target, minWorkers, maxWorkers, readyTimeout, POLL_INTERVAL);
  }

  KubernetesWorkerActuator(
      KubernetesClient client,
      boolean ownsClient,
      KubernetesTarget target,
      int minWorkers,
      int maxWorkers,
      Duration readyTimeout,
      Duration pollInterval) {
    if (minWorkers < 0 || maxWorkers < minWorkers) {
      throw new IllegalArgumentException(
          "worker bounds must satisfy 0 <= min <= max, not min "
              + minWorkers
              + ", max "
              + maxWorkers);
    }
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.target = Objects.requireNonNull(target, "target");
    this.minWorkers = minWorkers;
    this.maxWorkers = maxWorkers;
    this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
    this.pollInterval = pollInterval;
  }

  /**
   * An actuator with its own client, configured as fabric8 finds it: inside a pod, the pod's
   * service account and namespace; elsewhere the kubeconfig. The client is closed with the
   * actuator.
   *
   * @param namespace the target's namespace, or null or blank for the client's own (a pod's)
   * @param kindAndName the target as {@code kind/name}, see {@link KubernetesTarget#parse}
   * @throws IllegalArgumentException when the target is malformed or no namespace is known
   */
  public static KubernetesWorkerActuator create(
      String namespace, String kindAndName, int minWorkers, int maxWorkers) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    try {
      String ns = namespace == null || namespace.isBlank() ? client.getNamespace() : namespace;
      if (ns == null) {
        throw new IllegalArgumentException(
            "no namespace was given for " + kindAndName + " and the client knows none of its own");
      }
      return new KubernetesWorkerActuator(
          client,
          true,
          KubernetesTarget.parse(ns, kindAndName),
          minWorkers,
          maxWorkers,
          DEFAULT_READY_TIMEOUT,
          POLL_INTERVAL);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The resource this actuator scales. */
  public KubernetesTarget target() {
    return target;
  }

  @Override
  public int currentWorkers() {
    return read("read").ready();
  }

  /** While requests are pending, the count of the last one; else {@code spec.replicas}. */
  @Override
  public int desiredWorkers() {
    synchronized (lock) {
      if (pending > 0) {
        return requested;
      }
    }
    return read("read").desired();
  }

  @Override
  public int minWorkers() {
    return minWorkers;
  }

  @Override
  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * Sets {@code spec.replicas} to {@code count} once the requests before it have ended.
   *
   * @return completes when {@code count} replicas are ready; fails with an {@link
   *     IllegalStateException} naming the resource when it is missing, the patch is refused, its
   *     controller gives up, someone else changes its replicas meanwhile, or the ready timeout
   *     passes
   */
  @Override
  public CompletionStage<Void> scaleTo(int count) {
    if (count < minWorkers || count > maxWorkers) {
      throw new IllegalArgumentException(
          "count must be between " + minWorkers + " and " + maxWorkers + ", not " + count);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    open.put(done, count);
    done.whenComplete(
        (ignored, failure) -> {
          open.remove(done);
          synchronized (lock) {
            pending--;
          }
        });
    synchronized (lock) {
      pending++;
      requested = count;
      // the next request starts when this one has ended, whatever its end
      tail =
          tail.thenComposeAsync(
              ignored -> {
                start(count, done);
                return done.handle((v, e) -> (Void) null);
              },
              scaler);
    }
    if (closed) {
      abandon(done, count);
    }
    return done;
  }

  private void start(int count, CompletableFuture<Void> done) {
    try {
      ReplicaState before = read("scale");
      log.info(
          "Scaling {} from {} to {} replicas ({} ready)",
          target,
          before.desired(),
          count,
          before.ready());
      long generation = patchReplicas(count);
      check(count, generation, System.nanoTime() + readyTimeout.toNanos(), done);
    } catch (RuntimeException e) {
      fail(done, e);
    }
  }

  // one look at the resource; schedules the next look until the replicas are ready or it fails
  private void check(int count, long generation, long deadline, CompletableFuture<Void> done) {
    if (done.isDone()) {
      return;
    }
    try {
      ReplicaState state = read("scale");
      if (state.reached(count, generation)) {
        log.info("{} has {} ready replicas", target, count);
        done.complete(null);
        return;
      }
      Optional<String> blocker = state.blocker(count, generation);
      if (blocker.isPresent()) {
        fail(
            done,
            new IllegalStateException(
                "Cannot scale " + target + " to " + count + ": " + blocker.get()));
        return;
      }
      if (System.nanoTime() >= deadline) {
        fail(done, timedOut(count, state));
        return;
      }
      scaler.schedule(
          () -> check(count, generation, deadline, done),
          pollInterval.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      abandon(done, count);
    } catch (RuntimeException e) {
      fail(done, e);
    }
  }

  private IllegalStateException timedOut(int count, ReplicaState state) {
    return new IllegalStateException(
        "Cannot scale "
            + target
            + " to "
            + count
            + ": "
            + state.ready()
            + " replica(s) were ready after "
            + readyTimeout.toSeconds()
            + " s; see kubectl describe "
            + target.kind().kindName().toLowerCase(Locale.ROOT)
            + " "
            + target.name()
            + " -n "
            + target.namespace());
  }

  private static void fail(CompletableFuture<Void> done, RuntimeException e) {
    log.warn("{}", e.getMessage());
    done.completeExceptionally(e);
  }

  private void abandon(CompletableFuture<Void> done, int count) {
    done.completeExceptionally(
        new IllegalStateException(
            "Cannot scale " + target + " to " + count + ": the actuator was closed first"));
  }

  private long patchReplicas(int count) {
    try {
      GenericKubernetesResource patched =
          resource()
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + count + "}}");
      Long generation = patched.getMetadata().getGeneration();
      return generation == null ? 0 : generation;
    } catch (KubernetesClientException e) {
      throw failure("scale", e);
    }
  }

  private ReplicaState read(String action) {
    GenericKubernetesResource resource;
    try {
      resource = resource().get();
    } catch (KubernetesClientException e) {
      throw failure(action, e);
    }
    if (resource == null) {
      throw new IllegalStateException(
          "Cannot " + action + " " + target + ": it does not exist (404 from the API server)");
    }
    return ReplicaState.of(target.kind(), resource);
  }

  private Resource<GenericKubernetesResource> resource() {
    return client
        .genericKubernetesResources(target.kind().context())
        .inNamespace(target.namespace())
        .withName(target.name());
  }

  private IllegalStateException failure(String action, KubernetesClientException e) {
    String why =
        switch (e.getCode()) {
          case 404 -> "it does not exist (404 from the API server)";
          case 401, 403 ->
              "the control plane's service account may not "
                  + (action.equals("scale") ? "get and patch" : "get")
                  + " it ("
                  + e.getCode()
                  + "): grant "
                  + VERBS
                  + " on "
                  + target.kind().plural()
                  + " in its Role";
          case 409, 422 ->
              "the API server refused the patch (" + e.getCode() + "): " + e.getMessage();
          default -> "the API server could not be reached or failed: " + e.getMessage();
        };
    return new IllegalStateException("Cannot " + action + " " + target + ": " + why, e);
  }

  /**
   * Fails the scale request that is waiting and those not yet started, and closes the client if
   * this actuator made it.
   */
  @Override
  public void close() {
    closed = true;
    scaler.shutdownNow();
    Map.copyOf(open).forEach((request, count) -> abandon(request, count));
    if (ownsClient) {
      client.close();
    }
  }
}
