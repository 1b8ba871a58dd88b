package dev.railyard.host.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The parent of the class loader a plugin is scanned in: it loads the Connect API (and whatever
 * else Kafka does not isolate) from the control plane's loader, yet has no parent and no URLs of
 * its own, so Kafka's reflective scanner, which walks the parent chain, scans only the plugin's
 * jars instead of the whole control-plane classpath (seconds and hundreds of MB per upload).
 */
final class ScanParentLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader delegate;

  ScanParentLoader(ClassLoader delegate) {
    super("railyard-plugin-scan", null);
    this.delegate = delegate;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    return delegate.loadClass(name);
  }

  @Override
  public URL getResource(String name) {
    return delegate.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return delegate.getResources(name);
  }
}
