/**
 * The plugin store: uploaded Connect plugins (JAR, ZIP, TGZ) checked, unpacked and scanned as class
 * files (never loaded, so no plugin code runs here) in a staging folder, then moved atomically into
 * the workers' {@code plugin.path}, one folder each.
 */
package dev.railyard.host.plugins;
