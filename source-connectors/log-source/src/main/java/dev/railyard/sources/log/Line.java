package dev.railyard.sources.log;

/**
 * A line (or multi-line event) read from a file: its text without the end of line, the file
 * positions of its first byte and just after its end of line, and whether it was cut at {@code
 * log.line.max.bytes}.
 */
record Line(String text, long start, long end, boolean truncated) {}
