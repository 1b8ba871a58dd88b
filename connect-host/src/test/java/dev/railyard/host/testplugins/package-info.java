/** Connectors that exist only to be run by the tests, e.g. to fail on purpose. */
package dev.railyard.host.testplugins;
