/**
 * JMH benchmarks of Railyard's pattern engine against event-ruler on a synthetic city-lots corpus.
 * Run by hand (see docs/benchmarks.md); nothing here runs during {@code mvn verify}.
 */
package dev.railyard.benchmarks;
