/**
 * The configuration of the {@code railyard} process: one ConfigDef, read from flags and {@code
 * railyard.properties}, refused with the offending key named.
 */
package dev.railyard.host.config;
