package dev.railyard.sinks.log;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * The names of the sink's files, and finding them again under its directory. A file being written
 * is hidden, {@code .<topic>-<partition>-<first offset>.jsonl.inprogress}; a rolled file is {@code
 * <topic>-<partition>-<first offset>-<last offset>.jsonl[.gz|.zst]}, so that its name says which
 * records it holds. The commit state lives in {@code .log-sink/<topic>-<partition>.json}.
 */
final class LogFiles {

  static final String STATE_DIR = ".log-sink";
  private static final String IN_PROGRESS = ".jsonl.inprogress";
  private static final Pattern ROLLED =
      Pattern.compile("(.+)-(\\d+)-(\\d+)-(\\d+)\\.jsonl(\\.gz|\\.zst)?");
  private static final Pattern HIDDEN =
      Pattern.compile(
          "\\.(.+)-(\\d+)-(\\d+)(-\\d+\\.jsonl(\\.gz|\\.zst)?\\.tmp|\\.jsonl\\.inprogress)");

  /** A file of the sink found on disk; {@code rolled} false for a hidden one. */
  record Found(
      Path path,
      TopicPartition partition,
      long first,
      boolean rolled,
      long size,
      Instant modified) {}

  private LogFiles() {}

  static String inProgressName(TopicPartition tp, long first) {
    return "."
        + tp.topic()
        + "-"
        + tp.partition()
        + "-"
        + String.format("%012d", first)
        + IN_PROGRESS;
  }

  static String rolledName(TopicPartition tp, long first, long last, Compression compression) {
    return tp.topic()
        + "-"
        + tp.partition()
        + "-"
        + String.format("%012d", first)
        + "-"
        + String.format("%012d", last)
        + compression.extension();
  }

  static Path statePath(Path root, TopicPartition tp) {
    return root.resolve(STATE_DIR).resolve(tp.topic() + "-" + tp.partition() + ".json");
  }

  /** Every file of the sink under {@code root}, by partition. */
  static Map<TopicPartition, List<Found>> scan(Path root) throws IOException {
    Map<TopicPartition, List<Found>> found = new HashMap<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(root.resolve(STATE_DIR))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Found f = parse(file, attrs);
            if (f != null) {
              found.computeIfAbsent(f.partition(), k -> new ArrayList<>()).add(f);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // deleted meanwhile by another task's retention
          }
        });
    return found;
  }

  private static Found parse(Path file, BasicFileAttributes attrs) {
    String name = file.getFileName().toString();
    Matcher rolled = ROLLED.matcher(name);
    Matcher hidden = HIDDEN.matcher(name);
    boolean isRolled = !name.startsWith(".") && rolled.matches();
    Matcher m = isRolled ? rolled : hidden.matches() ? hidden : null;
    if (m == null) {
      return null;
    }
    try {
      return new Found(
          file,
          new TopicPartition(m.group(1), Integer.parseInt(m.group(2))),
          Long.parseLong(m.group(3)),
          isRolled,
          attrs.size(),
          attrs.lastModifiedTime().toInstant());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
