package dev.railyard.api.platform.answers;

import java.util.Map;

/**
 * A connector config written, after validation by the connector's own ConfigDef.
 *
 * @param name the connector
 * @param created true when the connector did not exist before
 * @param config the config written, in order, secrets masked
 */
public record ConnectorApplied(String name, boolean created, Map<String, String> config)
    implements ImportedConnectors.Entry {

  public ConnectorApplied {
    config = Copies.ordered(config);
  }
}
