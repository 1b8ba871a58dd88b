/**
 * What runs inside a Connect worker JVM: the main class that starts one distributed worker and
 * announces its REST URL to the process that launched it.
 */
package dev.railyard.worker;
