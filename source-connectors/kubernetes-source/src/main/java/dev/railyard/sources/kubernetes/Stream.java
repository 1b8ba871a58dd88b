package dev.railyard.sources.kubernetes;

/**
 * What one list and one watch cover: the objects of one kind in one namespace, or in all of them
 * ({@code namespace} empty). A task follows one or more streams. Immutable.
 */
record Stream(ResourceKind kind, String namespace) {

  /** Reads {@link #toString()}'s form back. */
  static Stream parse(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("'" + text + "' is not kind@namespace");
    }
    return new Stream(ResourceKind.parse(text.substring(0, at)), text.substring(at + 1));
  }

  boolean allNamespaces() {
    return namespace.isEmpty();
  }

  /** {@code batch/v1/Job:jobs@orders}; {@code v1/Node:nodes@} for all namespaces. */
  @Override
  public String toString() {
    return kind + "@" + namespace;
  }
}
