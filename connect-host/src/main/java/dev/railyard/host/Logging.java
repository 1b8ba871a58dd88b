package dev.railyard.host;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Switches logging to the control plane's configuration once the data directory, where the log file
 * lives, is known. Until then Log4j runs on its default (errors to the terminal).
 */
final class Logging {

  static final String CONFIG_RESOURCE = "railyard-log4j2.xml";

  private Logging() {}

  static void configure(Path logFile) {
    if (System.getProperty("log4j2.configurationFile") != null) {
      return; // the operator chose their own configuration
    }
    System.setProperty("railyard.log.file", logFile.toString());
    URL config = Logging.class.getClassLoader().getResource(CONFIG_RESOURCE);
    if (config == null) {
      throw new IllegalStateException(CONFIG_RESOURCE + " is missing from the classpath");
    }
    try {
      ((LoggerContext) LogManager.getContext(false)).setConfigLocation(config.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
