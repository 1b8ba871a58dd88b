package dev.railyard.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one embedded KRaft broker (and {@link #workers()} Connect workers) for the annotated test
 * class and stops them after its last test. Tests receive a {@link KafkaCluster} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface EmbeddedKafka {

  /** How many Connect worker JVMs to start in one group; 0 for a broker only. */
  int workers() default 0;
}
