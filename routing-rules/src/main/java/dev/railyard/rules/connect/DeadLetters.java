package dev.railyard.rules.connect;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers of a dead letter: which rule and target it was for, and why it could not go there. */
final class DeadLetters {

    static final String RULE = "railyard.rule";
    static final String TARGET = "railyard.target";
    static final String ERROR_CLASS = "railyard.error.class";
    static final String ERROR_MESSAGE = "railyard.error.message";
    static final String ATTEMPTS = "railyard.attempts";
    static final String FIRST_FAILURE = "railyard.first.failure";
    static final String LAST_FAILURE = "railyard.last.failure";

    private DeadLetters() {
    }

    /** A transform failure: it fails the same way every time, so it is not retried. */
    static RecordHeaders headers(String rule, String target, Exception error, Instant at) {
        RecordHeaders h = new RecordHeaders();
        add(h, RULE, rule);
        add(h, TARGET, target);
        add(h, ERROR_CLASS, error == null ? "unknown" : error.getClass().getName());
        add(h, ERROR_MESSAGE, error == null ? "the event is not JSON" : String.valueOf(error.getMessage()));
        add(h, ATTEMPTS, "1");
        add(h, FIRST_FAILURE, at.toString());
        add(h, LAST_FAILURE, at.toString());
        return h;
    }

    private static void add(RecordHeaders h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
