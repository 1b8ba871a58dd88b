/**
 * What Railyard's own connectors share. Each connector's plugin archive bundles this jar, so a
 * plugin never depends on another plugin's copy.
 */
package dev.railyard.connectors.support;
