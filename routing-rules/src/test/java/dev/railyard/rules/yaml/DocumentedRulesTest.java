package dev.railyard.rules.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every whole rule the docs show loads as written: examples readers copy must work. */
class DocumentedRulesTest {

  private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void shouldLoadEveryRuleInTheDocs() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Path doc : docs()) {
      Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
      while (m.find()) {
        String yaml = m.group(1);
        if (!yaml.contains("kind: Rule")) {
          continue;
        }
        String name = doc.getFileName() + " (block at character " + m.start() + ")";
        LoadResult result = RuleFiles.load(name, yaml);
        assertThat(result.problems()).as(name).isEmpty();
        checked.add(name);
      }
    }
    assertThat(checked).as("rules found in the docs").hasSizeGreaterThanOrEqualTo(5);
  }

  private static List<Path> docs() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }
}
