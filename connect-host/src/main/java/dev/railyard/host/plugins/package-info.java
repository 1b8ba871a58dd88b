/**
 * The plugin store: uploaded Connect plugins (JAR, ZIP, TGZ) checked, unpacked and scanned in a
 * staging folder, then moved atomically into the workers' {@code plugin.path}, one folder each.
 */
package dev.railyard.host.plugins;
