package dev.railyard.host.plugins;

import java.util.Objects;

/**
 * What {@link PluginStore#install} did.
 *
 * @param plugin the installed plugin, never null
 * @param alreadyPresent true when the same archive was installed before and nothing changed
 */
public record InstallResult(Plugin plugin, boolean alreadyPresent) {

  /** Checks that the plugin is not null. */
  public InstallResult {
    Objects.requireNonNull(plugin, "plugin");
  }
}
