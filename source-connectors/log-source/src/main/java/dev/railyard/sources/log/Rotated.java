package dev.railyard.sources.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the generations of a live log file: its rotated copies in the same folder (the live name
 * plus a suffix matching {@code log.rotated.suffix}), matched by their first bytes. Plain copies
 * come before gzipped ones of the same content, since a .gz may still be being written.
 */
final class Rotated {

  private Rotated() {}

  /** The rotated copies of {@code live} there are now, plain ones first. */
  static List<Path> siblings(Path live, Pattern suffix) {
    String name = live.getFileName().toString();
    List<Path> out = new ArrayList<>();
    Path dir = live.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().startsWith(name))
          .filter(
              f -> suffix.matcher(f.getFileName().toString().substring(name.length())).matches())
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(LogFile::isGzip).thenComparing(Path::toString))
          .forEach(out::add);
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  /** Whether a file starts with the head of a generation (or, being shorter, with its start). */
  static boolean startsWith(Path file, Head head) {
    try {
      byte[] first = LogFile.firstBytes(file, head.length());
      return first.length > 0 && head.sameStart(first);
    } catch (IOException e) {
      return false; // removed while looking (gzip replaced it): the .gz is looked at too
    }
  }

  /**
   * The file among {@code live} and its copies whose first {@code length} bytes have {@code
   * fingerprint}, as {@link #byFingerprintOnce}, looked for again while a rotation renames files
   * during the search (a name listed before a rename and read after it would miss the file).
   */
  static Optional<Path> byFingerprint(
      Path live, Pattern suffix, String fingerprint, int length, String inode) {
    for (int attempt = 0; attempt < 20; attempt++) {
      Map<Path, String> before = inodes(live, suffix);
      Optional<Path> found = byFingerprintOnce(live, suffix, fingerprint, length, inode);
      if (found.isPresent() || before.equals(inodes(live, suffix))) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Map<Path, String> inodes(Path live, Pattern suffix) {
    Map<Path, String> inodes = new HashMap<>();
    inodes.put(live, inodeText(live));
    siblings(live, suffix).forEach(p -> inodes.put(p, inodeText(p)));
    return inodes;
  }

  /**
   * The file among {@code live} and its copies whose first {@code length} bytes have {@code
   * fingerprint}: the one with the inode the offset saw first, else a plain one first.
   */
  private static Optional<Path> byFingerprintOnce(
      Path live, Pattern suffix, String fingerprint, int length, String inode) {
    List<Path> candidates = new ArrayList<>();
    if (Files.exists(live)) {
      candidates.add(live);
    }
    candidates.addAll(siblings(live, suffix));
    List<Path> matching = new ArrayList<>();
    for (Path c : candidates) {
      try {
        byte[] first = LogFile.firstBytes(c, length);
        if (first.length == length && Head.hash(first, length).equals(fingerprint)) {
          matching.add(c);
        }
      } catch (IOException e) {
        // gone while looking
      }
    }
    return matching.stream()
        .filter(c -> inode != null && inode.equals(inodeText(c)))
        .findFirst()
        .or(() -> matching.stream().findFirst());
  }

  /**
   * The copies modified after {@code file}, oldest first: neither another copy of its content nor a
   * .gz of a plain copy (gzip may still be writing it), nor one whose start cannot be read yet.
   */
  static List<Path> newerThan(Path file, Path live, Pattern suffix, Head head) {
    FileTime since = modified(file);
    List<Path> siblings = siblings(live, suffix);
    List<Path> newer = new ArrayList<>();
    for (Path c : siblings) {
      FileTime at = modified(c);
      if (c.equals(file) || since == null || at == null || at.compareTo(since) <= 0) {
        continue;
      }
      if (isGzipOf(c, file) || siblings.stream().anyMatch(p -> isGzipOf(c, p))) {
        continue;
      }
      if (unreadable(c) || startsWith(c, head) || newer.stream().anyMatch(n -> sameStart(n, c))) {
        continue;
      }
      newer.add(c);
    }
    newer.sort(
        Comparator.comparing(Rotated::modified, Comparator.nullsFirst(Comparator.naturalOrder())));
    return newer;
  }

  private static boolean isGzipOf(Path gz, Path plain) {
    return gz.getFileName().toString().equals(plain.getFileName() + ".gz");
  }

  private static boolean unreadable(Path file) {
    try {
      return LogFile.firstBytes(file, 1).length == 0;
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean sameStart(Path a, Path b) {
    try {
      return startsWith(b, new Head(1024, LogFile.firstBytes(a, 1024)));
    } catch (IOException e) {
      return false;
    }
  }

  static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  static String inodeText(Path file) {
    try {
      return String.valueOf(LogFile.inodeOf(file));
    } catch (IOException e) {
      return null;
    }
  }
}
