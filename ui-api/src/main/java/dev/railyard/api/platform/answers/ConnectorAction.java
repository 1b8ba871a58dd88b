package dev.railyard.api.platform.answers;

/**
 * A lifecycle action Connect took; it goes on in the background.
 *
 * @param name the connector
 * @param action {@code pause}, {@code resume}, {@code stop} or {@code restart}
 * @param accepted true
 */
public record ConnectorAction(String name, String action, boolean accepted) {}
