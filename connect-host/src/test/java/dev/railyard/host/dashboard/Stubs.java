package dev.railyard.host.dashboard;

import dev.railyard.api.platform.Outcome;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Platform interfaces stubbed by method name, for the dashboard's tests at scale. */
final class Stubs {

  private Stubs() {}

  /**
   * An implementation of {@code type} answering {@code answers} by method name (a function of the
   * call's arguments, or a value); any other method that answers a stage says the platform is
   * unavailable, as a stopped one would.
   */
  @SuppressWarnings("unchecked")
  static <T> T stub(Class<T> type, Map<String, Object> answers) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (answers.containsKey(method.getName())) {
                Object answer = answers.get(method.getName());
                return answer instanceof Function<?, ?> f
                    ? ((Function<Object[], ?>) f).apply(args)
                    : answer;
              }
              if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
              }
              Class<?> returns = method.getReturnType();
              if (returns == CompletionStage.class) {
                return CompletableFuture.completedFuture(
                    Outcome.refused(
                        Outcome.Kind.UNAVAILABLE, "STUB", "not in this test", Map.of()));
              }
              if (returns == List.class) {
                return List.of();
              }
              if (returns == Optional.class) {
                return Optional.empty();
              }
              if (returns == boolean.class) {
                return false;
              }
              if (returns == int.class) {
                return 1;
              }
              return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + " stub";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
              };
            });
  }
}
