/**
 * JUnit 5 fixtures that start Railyard's own embedded Kafka broker, and Connect workers where
 * asked, once per test class.
 */
package dev.railyard.testing;
