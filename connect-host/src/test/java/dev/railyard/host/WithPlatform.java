package dev.railyard.host;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one whole Railyard platform (embedded broker, {@link #workers()} worker JVMs, API) for the
 * annotated class; tests receive {@link Platform}, {@link ApiClient} or the data {@link Path}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithPlatform.Extension.class)
@interface WithPlatform {

  int workers() default 1;

  /** Settings of railyard.properties for this class's platform, each {@code key=value}. */
  String[] settings() default {};

  /**
   * A name shared by classes that can run on one platform, one after the other (the first starts
   * it, the end of the run closes it): each class saves a platform start. Such classes must use the
   * same {@link #workers()} and {@link #settings()}, and their own names for what they create.
   */
  String shared() default "";

  final class Extension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(WithPlatform.class);

    @Override
    public void beforeAll(ExtensionContext context) {
      WithPlatform spec = context.getRequiredTestClass().getAnnotation(WithPlatform.class);
      int workers = spec.workers();
      Map<String, String> settings = new java.util.HashMap<>();
      for (String s : spec.settings()) {
        String[] kv = s.split("=", 2);
        settings.put(kv[0], kv[1]);
      }
      store(context)
          .getOrComputeIfAbsent(
              key(context),
              k -> {
                Path dir = TestPlatforms.tempDir();
                return new Running(TestPlatforms.start(dir, workers, settings), dir);
              },
              Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Platform.class || type == ApiClient.class || type == Path.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Running running = store(context).get(key(context), Running.class);
      Class<?> type = parameter.getParameter().getType();
      if (type == Platform.class) {
        return running.platform;
      }
      return type == Path.class ? running.dataDir : new ApiClient(running.platform);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
      return shared(context).isEmpty() ? context.getStore(NS) : context.getRoot().getStore(NS);
    }

    private static String key(ExtensionContext context) {
      return "platform:" + shared(context);
    }

    private static String shared(ExtensionContext context) {
      return context.getRequiredTestClass().getAnnotation(WithPlatform.class).shared();
    }

    /** Closed by JUnit after the class, or after the run for a shared one. */
    record Running(Platform platform, Path dataDir)
        implements ExtensionContext.Store.CloseableResource {

      @Override
      public void close() {
        platform.close();
        TestPlatforms.delete(dataDir);
      }
    }
  }
}
