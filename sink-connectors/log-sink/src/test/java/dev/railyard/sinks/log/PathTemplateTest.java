package dev.railyard.sinks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Folders from the path template: each value one safe folder name, dates in the zone asked. */
class PathTemplateTest {

  private static final Instant T = Instant.parse("2026-12-31T23:30:00Z");

  @Test
  void shouldFillEveryPlaceholderInTheZoneAsked() {
    // given a template of every placeholder, in Paris time
    PathTemplate template =
        PathTemplate.parse(
            "{bus}/{topic}-{partition}/{rule}/y={yyyy}/{MM}/{dd}/{HH}",
            ZoneId.of("Europe/Paris"),
            true);

    // when a record of a bus is put in it
    String folder =
        template.render(new PathTemplate.Values("pods", "railyard.bus.pods", 3, "failures", T));

    // then each value is in its place, the dates a day later in Paris
    assertThat(folder).isEqualTo("pods/railyard.bus.pods-3/failures/y=2027/01/01/00");
  }

  @Test
  void shouldNeverLeaveTheDirectoryOrHideAFolderWhateverTheValues() {
    // given values that would climb out, hide a folder or split a name
    PathTemplate template = PathTemplate.parse("{bus}/{rule}", ZoneId.of("UTC"), true);

    // when they are rendered
    String folder = template.render(new PathTemplate.Values("..", "t", 0, "a/b c", T));

    // then each is one plain folder name
    assertThat(folder).isEqualTo("_../a_b_c");
    assertThat(PathTemplate.safe("")).isEqualTo("_");
    assertThat(PathTemplate.safe(".hidden")).isEqualTo("_.hidden");
  }
}
