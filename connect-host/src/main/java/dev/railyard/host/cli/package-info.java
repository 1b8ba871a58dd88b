/**
 * The {@code railyard} command line: {@code up} and its settings, and the rule commands ({@code
 * apply}, {@code validate}, {@code rules}, {@code test-pattern}) that talk to the API.
 */
package dev.railyard.host.cli;
