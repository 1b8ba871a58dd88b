package dev.railyard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArgsTest {

  private static CliArgs apply(String... args) {
    return CliArgs.parse("apply", List.of(args), Set.of("--file"), Set.of("--dry-run", "--prune"));
  }

  @Test
  void shouldTakeTheTokenFromTheFlagThenTheEnvironmentThenTheAdminTokenFile(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("railyard.properties"), "data.dir=state\n");
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/admin.token"), "ry_from_file\n");
    Map<String, String> env = Map.of("RAILYARD_TOKEN", "ry_from_env");

    assertThat(apply("--token", "ry_flag").token(env, dir)).contains("ry_flag");
    assertThat(apply().token(env, dir)).contains("ry_from_env");
    assertThat(apply().token(Map.of(), dir)).contains("ry_from_file");
    assertThat(apply().token(Map.of(), dir.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void shouldReadShortLongAndEqualsFormsOfAFlag() {
    assertThat(apply("-f", "a.yaml").required("--file", "")).isEqualTo("a.yaml");
    assertThat(apply("--file", "a.yaml").required("--file", "")).isEqualTo("a.yaml");
    assertThat(apply("--file=a.yaml").required("--file", "")).isEqualTo("a.yaml");
    assertThat(apply("-f", "-").required("--file", "")).isEqualTo("-");
  }

  @Test
  void shouldReadSwitchesAnywhere() {
    CliArgs args = apply("--prune", "-f", "a.yaml", "--dry-run");

    assertThat(args.has("--dry-run")).isTrue();
    assertThat(args.has("--prune")).isTrue();
    assertThat(apply("-f", "a.yaml").has("--dry-run")).isFalse();
  }

  @Test
  void shouldRejectAnUnknownFlagNamingTheKnownOnes() {
    assertThatThrownBy(() -> apply("-f", "a.yaml", "--dryrun"))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("unknown flag --dryrun for 'apply'")
        .hasMessageContaining("--dry-run")
        .satisfies(e -> assertThat(((CliFailure) e).exitCode()).isEqualTo(ExitCodes.INVALID));
  }

  @Test
  void shouldRejectAFlagWithoutItsValue() {
    assertThatThrownBy(() -> apply("-f"))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("flag --file of 'apply' needs a value");
  }

  @Test
  void shouldRejectAMissingRequiredFlag() {
    assertThatThrownBy(() -> apply("--dry-run").required("--file", "FILE"))
        .isInstanceOf(CliFailure.class)
        .hasMessage("'apply' needs --file FILE");
  }

  @Test
  void shouldTakeTheUrlFromTheFlagThenTheEnvironmentThenTheDefault() {
    Map<String, String> env = Map.of(CliArgs.URL_ENV, "http://railyard:9000/");

    assertThat(apply("--url", "http://other:1").url(env)).isEqualTo("http://other:1");
    assertThat(apply().url(env)).isEqualTo("http://railyard:9000");
    assertThat(apply().url(Map.of())).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void shouldRejectAUrlWithoutHttpScheme() {
    assertThatThrownBy(() -> apply("--url", "localhost:8080").url(Map.of()))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("must start with http://");
  }

  @Test
  void shouldAcceptTextOrJsonOutputOnly() {
    assertThat(apply().json()).isFalse();
    assertThat(apply("-o", "json").json()).isTrue();
    assertThat(apply("--output=text").json()).isFalse();
    assertThatThrownBy(() -> apply("--output", "yaml").json())
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("text or json");
  }

  @Test
  void shouldDemandExactlyOnePositionalWhereANameIsNeeded() {
    CliArgs none = CliArgs.parse("rules get", List.of(), Set.of(), Set.of());
    CliArgs two = CliArgs.parse("rules get", List.of("a", "b"), Set.of(), Set.of());

    assertThat(CliArgs.parse("rules get", List.of("a"), Set.of(), Set.of()).onlyPositional("NAME"))
        .isEqualTo("a");
    assertThatThrownBy(() -> none.onlyPositional("a rule's NAME"))
        .hasMessage("'rules get' needs a rule's NAME");
    assertThatThrownBy(() -> two.onlyPositional("a rule's NAME")).hasMessageContaining("got a b");
    assertThatThrownBy(() -> apply("extra").expectNoPositionals())
        .hasMessageContaining("unexpected argument 'extra'");
  }
}
