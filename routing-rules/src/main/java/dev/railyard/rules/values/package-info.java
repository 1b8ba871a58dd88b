/**
 * The one adapter between the rule language and Kafka Connect's data types: Connect values read as
 * the plain maps and lists the matcher knows. The only package of routing-rules that imports Kafka
 * or Connect types.
 */
package dev.railyard.rules.values;
