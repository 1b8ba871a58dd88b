package dev.railyard.api;

import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.answers.BusView;
import dev.railyard.api.platform.answers.Deleted;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Buses in memory, with the platform's refusals; tests set which rules read which bus. */
final class FakeBuses implements BusAdmin {

  final Map<String, List<String>> buses = new TreeMap<>();

  void reset() {
    buses.clear();
    buses.put("default", List.of());
  }

  @Override
  public synchronized CompletionStage<Outcome<Page<BusView>>> list(BusScope scope) {
    List<BusView> views = buses.keySet().stream().filter(scope::allows).map(this::view).toList();
    return done(Outcome.ok(new Page<>(views, views.size(), 0, null)));
  }

  @Override
  public synchronized CompletionStage<Outcome<BusView>> get(BusScope scope, String name) {
    return done(
        buses.containsKey(name) && scope.allows(name) ? Outcome.ok(view(name)) : notFound(name));
  }

  @Override
  public synchronized CompletionStage<Outcome<BusView>> create(BusScope scope, String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,199}")) {
      return done(Outcome.refused(Outcome.Kind.INVALID, "INVALID_BUS", "bad name " + name, null));
    }
    if (!scope.allows(name)) {
      return done(Outcome.refused(Outcome.Kind.FORBIDDEN, "BUS_OUT_OF_SCOPE", name, null));
    }
    boolean created = buses.putIfAbsent(name, List.of()) == null;
    return done(created ? Outcome.created(view(name)) : Outcome.ok(view(name)));
  }

  @Override
  public synchronized CompletionStage<Outcome<Deleted>> delete(BusScope scope, String name) {
    if (!buses.containsKey(name) || !scope.allows(name)) {
      return done(notFound(name));
    }
    if (name.equals("default") || !buses.get(name).isEmpty()) {
      return done(Outcome.refused(Outcome.Kind.CONFLICT, "BUS_IN_USE", name + " is in use", null));
    }
    buses.remove(name);
    return done(Outcome.ok(Deleted.of(name)));
  }

  private BusView view(String name) {
    return new BusView(name, "railyard.bus." + name, 3, buses.get(name));
  }

  private static <T> Outcome<T> notFound(String name) {
    return Outcome.refused(Outcome.Kind.NOT_FOUND, "BUS_NOT_FOUND", "no bus " + name, null);
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
