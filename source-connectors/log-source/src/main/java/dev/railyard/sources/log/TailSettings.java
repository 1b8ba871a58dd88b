package dev.railyard.sources.log;

import java.util.regex.Pattern;

/**
 * What every {@link Tailer} of a task shares, from {@link LogSourceConfig}.
 *
 * @param multiline null: every line is an event
 */
record TailSettings(
    int fingerprintBytes,
    int lineMaxBytes,
    long partialLineTimeoutMs,
    long rotationDrainMs,
    Multiline.Rule multiline,
    Pattern rotatedSuffix) {

  static TailSettings of(LogSourceConfig config) {
    return new TailSettings(
        config.fingerprintBytes(),
        config.lineMaxBytes(),
        config.partialLineTimeoutMs(),
        config.rotationDrainMs(),
        config.multiline(),
        config.rotatedSuffix());
  }
}
