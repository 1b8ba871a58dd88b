/** The {@code railyard} command line: {@code up} and its flags. */
package dev.railyard.host.cli;
