package dev.railyard.host;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An IT whose assertions are about wall-clock time (a scale-out within 15 s, tasks moved within 10
 * s): failsafe runs it after the others, with nothing beside it. The other ITs run two at a time in
 * two JVMs (connect-host's pom), as most of their time is waiting on streams, rebalances and
 * restarts rather than computing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RunsAlone.TAG)
public @interface RunsAlone {

  /** The JUnit tag connect-host's pom runs alone. */
  String TAG = "alone";
}
