package dev.railyard.sources.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The files a task's glob patterns match, without the excluded ones. Immutable. */
final class Globs {

  private final List<Glob> includes;
  private final List<PathMatcher> excludes;

  private record Glob(Path base, PathMatcher matcher, int depth) {}

  Globs(List<String> patterns, List<String> excludePatterns) {
    this.includes = new ArrayList<>();
    for (String pattern : patterns) {
      Path base = Path.of(baseOf(pattern));
      int depth =
          pattern.contains("**")
              ? Integer.MAX_VALUE
              : Path.of(pattern).getNameCount() - base.getNameCount();
      includes.add(new Glob(base, matcher(pattern), Math.max(depth, 0)));
    }
    this.excludes = excludePatterns.stream().map(Globs::matcher).toList();
  }

  private static PathMatcher matcher(String pattern) {
    return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
  }

  /** The longest leading folder of a pattern without glob characters. */
  static String baseOf(String pattern) {
    int wild = firstWildcard(pattern);
    if (wild < 0) {
      int slash = pattern.lastIndexOf('/');
      return slash <= 0 ? "/" : pattern.substring(0, slash);
    }
    int slash = pattern.lastIndexOf('/', wild);
    return slash <= 0 ? "/" : pattern.substring(0, slash);
  }

  private static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[{\\".indexOf(pattern.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The folders to watch for file-system events: each pattern's base. */
  Set<Path> bases() {
    Set<Path> bases = new TreeSet<>();
    includes.forEach(g -> bases.add(g.base()));
    return bases;
  }

  /** The regular files matched now, sorted. */
  Set<Path> scan() {
    Set<Path> found = new TreeSet<>();
    for (Glob glob : includes) {
      if (!Files.isDirectory(glob.base())) {
        continue;
      }
      try (Stream<Path> files = Files.walk(glob.base(), glob.depth())) {
        files
            .filter(glob.matcher()::matches)
            .filter(f -> excludes.stream().noneMatch(x -> x.matches(f)))
            .filter(Files::isRegularFile)
            .forEach(found::add);
      } catch (NoSuchFileException e) {
        // a folder went away during the walk: the next scan sees what is left
      } catch (IOException | UncheckedIOException e) {
        // same: a file removed while walking; the next rescan sees the rest
      }
    }
    return found;
  }
}
