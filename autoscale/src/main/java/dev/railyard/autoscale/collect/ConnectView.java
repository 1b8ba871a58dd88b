package dev.railyard.autoscale.collect;

import java.util.List;
import java.util.Map;

/**
 * Connect's view of every connector, read in one request (e.g. {@code GET
 * /connectors?expand=status&expand=info}), and the committed offsets of the sources that expose
 * their backlog through them.
 */
public interface ConnectView {

  /**
   * Every connector with its config and status.
   *
   * @throws Exception when Connect could not be asked or did not answer; the collection then holds
   */
  List<ConnectorState> connectors() throws Exception;

  /**
   * A source connector's committed offsets, one per source partition ({@code GET
   * /connectors/{name}/offsets}, KIP-875, Connect 3.5+). Asked once per collection, only for the
   * sources that expose their backlog in their offsets. This default cannot read them and says so.
   *
   * @throws Exception when they could not be read; that connector then holds, saying why
   */
  default List<SourceOffset> sourceOffsets(String connector) throws Exception {
    throw new UnsupportedOperationException("this view of Connect does not read source offsets");
  }

  /**
   * One source partition's committed offset, as Connect stores them.
   *
   * @param partition e.g. {@code {"path": "/var/log/app/app.log"}}
   * @param offset e.g. {@code {"position": 81234, "size": 90211, ...}}
   */
  record SourceOffset(Map<String, Object> partition, Map<String, Object> offset) {
    public SourceOffset {
      partition = Map.copyOf(partition);
      offset = Map.copyOf(offset);
    }
  }
}
