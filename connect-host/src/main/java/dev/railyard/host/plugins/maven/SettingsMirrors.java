package dev.railyard.host.plugins.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The {@code <mirrors>} of a Maven {@code settings.xml}, as Maven applies them: each mirror's
 * {@code mirrorOf} ({@code *}, {@code external:*}, {@code central}, {@code a,b}, {@code !id}) is
 * matched by Maven Resolver's own {@link DefaultMirrorSelector}. Everything else in the file
 * (servers, proxies, profiles, {@code localRepository}) is ignored, and so is interpolation.
 */
final class SettingsMirrors {

  /** One {@code <mirror>}. */
  record Mirror(
      String id,
      String url,
      String mirrorOf,
      String layout,
      String mirrorOfLayouts,
      boolean blocked) {}

  private SettingsMirrors() {}

  /**
   * The mirrors of a settings file; none when the file is null or does not exist.
   *
   * @throws IllegalArgumentException when the file is not well-formed XML or a mirror lacks its
   *     {@code url} or {@code mirrorOf}
   */
  static List<Mirror> read(Path settingsXml) throws IOException {
    if (settingsXml == null || !Files.exists(settingsXml)) {
      return List.of();
    }
    Element root = parse(settingsXml).getDocumentElement();
    List<Mirror> mirrors = new ArrayList<>();
    for (Element list : children(root, "mirrors")) {
      for (Element m : children(list, "mirror")) {
        String id = text(m, "id", "default");
        String url = text(m, "url", null);
        String mirrorOf = text(m, "mirrorOf", null);
        if (url == null || mirrorOf == null) {
          throw new IllegalArgumentException(
              String.format("%s: mirror '%s' needs both <url> and <mirrorOf>", settingsXml, id));
        }
        mirrors.add(
            new Mirror(
                id,
                url,
                mirrorOf,
                text(m, "layout", "default"),
                text(m, "mirrorOfLayouts", "default,legacy"),
                Boolean.parseBoolean(text(m, "blocked", "false"))));
      }
    }
    return List.copyOf(mirrors);
  }

  /** A selector applying the mirrors in the order the file lists them. */
  static DefaultMirrorSelector selector(List<Mirror> mirrors) {
    DefaultMirrorSelector selector = new DefaultMirrorSelector();
    for (Mirror m : mirrors) {
      selector.add(
          m.id(), m.url(), m.layout(), false, m.blocked(), m.mirrorOf(), m.mirrorOfLayouts());
    }
    return selector;
  }

  private static org.w3c.dom.Document parse(Path file) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // a settings file has no business declaring entities; refusing them rules out XXE
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(file.toFile());
    } catch (SAXParseException e) {
      throw new IllegalArgumentException(
          String.format(
              "%s:%d:%d: not a readable settings.xml: %s",
              file, e.getLineNumber(), e.getColumnNumber(), e.getMessage()),
          e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalArgumentException(file + ": not a readable settings.xml: " + e, e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && name.equals(localName(e))) {
        found.add(e);
      }
    }
    return found;
  }

  private static String localName(Element e) {
    String name = e.getNodeName();
    return name.substring(name.indexOf(':') + 1);
  }

  private static String text(Element parent, String name, String otherwise) {
    List<Element> found = children(parent, name);
    if (found.isEmpty() || found.get(0).getTextContent().isBlank()) {
      return otherwise;
    }
    return found.get(0).getTextContent().strip();
  }
}
