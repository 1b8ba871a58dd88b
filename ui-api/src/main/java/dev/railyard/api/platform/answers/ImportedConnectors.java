package dev.railyard.api.platform.answers;

import java.util.List;

/**
 * What importing a YAML stream of connectors did, once every document was valid.
 *
 * @param connectors one entry per document, in the stream's order
 */
public record ImportedConnectors(List<Entry> connectors) {

  public ImportedConnectors {
    connectors = List.copyOf(connectors);
  }

  /** One connector of the stream: written, or refused when it was applied. */
  public sealed interface Entry permits ConnectorApplied, NotApplied {}

  /**
   * A connector Connect refused although it was valid (e.g. a conflict).
   *
   * @param name the connector
   * @param error why
   */
  public record NotApplied(String name, String error) implements Entry {}
}
