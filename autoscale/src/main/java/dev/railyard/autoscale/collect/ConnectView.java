package dev.railyard.autoscale.collect;

import java.util.List;

/**
 * Connect's view of every connector, read in one request (e.g. {@code GET
 * /connectors?expand=status&expand=info}).
 */
public interface ConnectView {

  /**
   * Every connector with its config and status.
   *
   * @throws Exception when Connect could not be asked or did not answer; the collection then holds
   */
  List<ConnectorState> connectors() throws Exception;
}
