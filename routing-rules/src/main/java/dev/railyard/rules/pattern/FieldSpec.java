package dev.railyard.rules.pattern;

import java.util.List;

/**
 * One field of one branch of a parsed pattern: its dotted path and the values that OR together.
 *
 * @param path the dotted path, as event-ruler names it
 * @param tests the value tests (without {@code exists})
 * @param exists whether {@code {"exists": true}} is among the values
 * @param absent whether {@code {"exists": false}} is among the values
 * @param broken a problem to report if this field survives duplicate keys, or null
 */
record FieldSpec(
    String path, List<ValueTest> tests, boolean exists, boolean absent, Problem broken) {}
