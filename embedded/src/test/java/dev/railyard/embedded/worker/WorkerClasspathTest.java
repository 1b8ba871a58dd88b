package dev.railyard.embedded.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClasspathTest {

  @TempDir Path dir;

  @Test
  void shouldFindTheWorkersFolderNextToTheDistributionsLib() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path workers = Files.createDirectories(dir.resolve("worker").resolve("lib"));

    assertThat(WorkerClasspath.distributionDir(lib.resolve("embedded.jar"))).contains(workers);
  }

  @Test
  void shouldFindNoWorkersFolderOutsideADistribution() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target").resolve("classes"));

    assertThat(WorkerClasspath.distributionDir(classes)).isEmpty();
    assertThat(WorkerClasspath.distributionDir(dir.resolve("lib").resolve("x.jar"))).isEmpty();
  }

  @Test
  void shouldExpandAFolderWildcardIntoItsJarsSortedAndKeepOtherEntries() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.createFile(lib.resolve("b.jar"));
    Files.createFile(lib.resolve("a.jar"));
    Files.createFile(lib.resolve("notes.txt"));
    Path classes = dir.resolve("test-classes");

    String classpath = lib.resolve("*") + File.pathSeparator + File.pathSeparator + classes;

    assertThat(WorkerClasspath.expand(classpath))
        .containsExactly(lib.resolve("a.jar"), lib.resolve("b.jar"), classes);
  }
}
