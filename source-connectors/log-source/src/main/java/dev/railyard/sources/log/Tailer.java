package dev.railyard.sources.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one live log path through its generations. The file being read is one generation (its
 * head and inode identify it); when the path gets another inode (rotation by rename) the old file
 * is read to its end, until its writer has moved on, then the new one from 0; when the same inode
 * shrinks or its head changes (copytruncate) the rest is read from the rotated copy with the same
 * head (a .gz too), then the truncated file from 0. Each event's offset is the end of its last line
 * in its generation, with the generation's fingerprint, so a task started from it finds the
 * generation wherever it was renamed to. Not thread-safe: one task thread.
 */
final class Tailer implements AutoCloseable {

  static final String POSITION = "position";
  static final String FINGERPRINT = "fingerprint";
  static final String FINGERPRINT_BYTES = "fingerprint.bytes";
  static final String INODE = "inode";
  static final String FILE = "file";

  /**
   * The size of the file the event was read from when it was read (what its channel had read, if
   * more): {@code size - position} is the bytes behind at that offset, which the autoscaler reads
   * from Connect's committed offsets. Only informative; resuming never needs it, and offsets
   * written without it resume the same.
   */
  static final String SIZE = "size";

  private static final Logger log = LoggerFactory.getLogger(Tailer.class);

  private final Path live;
  private final TailSettings settings;
  private final Multiline events;
  private final Deque<Path> queue = new ArrayDeque<>();
  private LineReader reader;
  private boolean rotatedAway;
  private long lastGrowthAt;
  private long truncatedAt = -1;
  private long checkedSize = -1;
  private boolean deleted;
  private long seenSize;

  private Tailer(Path live, TailSettings settings) {
    this.live = live;
    this.settings = settings;
    this.events = new Multiline(settings.multiline(), settings.lineMaxBytes());
  }

  /**
   * A tailer starting where {@code offset} points (null: at the start, or at the end of the last
   * line with {@code atEnd}).
   */
  static Tailer resume(Path live, Map<String, ?> offset, boolean atEnd, TailSettings settings)
      throws IOException {
    Tailer t = new Tailer(live, settings);
    if (offset == null) {
      if (Files.exists(live)) {
        t.open(live, atEnd ? LineEnds.lastBefore(live, Files.size(live)) : 0, false);
      }
      return t;
    }
    long position = ((Number) offset.get(POSITION)).longValue();
    String fingerprint = (String) offset.get(FINGERPRINT);
    int length = ((Number) offset.get(FINGERPRINT_BYTES)).intValue();
    // a rotation may rename the file found before it is opened: then it is looked for again
    for (int attempt = 0; attempt < 5; attempt++) {
      Path found =
          Rotated.byFingerprint(
                  live, settings.rotatedSuffix(), fingerprint, length, (String) offset.get(INODE))
              .orElse(null);
      if (found == null) {
        log.warn(
            "{}: the file of the last offset ({} at {}) is gone; reading {} from its start",
            live,
            offset.get(FILE),
            position,
            live);
        if (Files.exists(live)) {
          t.open(live, 0, false);
        }
        return t;
      }
      t.open(found, position, !found.equals(live));
      byte[] head = t.reader.head().bytes();
      if (head.length >= length && Head.hash(head, length).equals(fingerprint)) {
        if (found.equals(live) && t.reader.file().size() < position) {
          // the head is there but not the rest: truncated and rewritten; the rest is in a copy
          t.truncatedAt = System.currentTimeMillis();
        } else if (!found.equals(live)) {
          t.queue.addAll(Rotated.newerThan(found, live, settings.rotatedSuffix(), t.reader.head()));
          log.info("{}: resuming in its rotated copy {} at {}", live, found, position);
        }
        return t;
      }
      t.close();
    }
    throw new IOException("the files of " + live + " kept changing while looked for");
  }

  private void open(Path path, long position, boolean rotated) throws IOException {
    LogFile file = LogFile.open(path, position);
    int n = settings.fingerprintBytes();
    // the head of the very file opened (not of whatever the path names a moment later)
    Head head =
        position == 0
            ? new Head(n)
            : new Head(n, file.compressed() ? LogFile.firstBytes(path, n) : file.headNow(n));
    reader = new LineReader(file, head, settings.lineMaxBytes());
    rotatedAway = rotated;
    deleted = false;
    checkedSize = -1;
    lastGrowthAt = System.currentTimeMillis();
  }

  /** An event and its source offset. */
  record Tailed(Line event, Map<String, Object> offset) {}

  /** Up to {@code max} events (a few more at the end of a file), in order; empty when none. */
  List<Tailed> poll(int max, long now) throws IOException {
    List<Tailed> out = new ArrayList<>();
    if (reader == null) {
      if (!Files.exists(live)) {
        return out;
      }
      open(live, 0, false);
    }
    if (!rotatedAway && !checkLive(now, out)) {
      return out;
    }
    // one size a poll, not one a line: the offsets' size is at least this and what was read
    seenSize = reader.file().size();
    boolean nextHasData = rotatedAway && nextHasData();
    long before = reader.consumed();
    while (out.size() < max) {
      Line line = reader.next(now);
      if (line == null) {
        break;
      }
      emit(out, events.add(line, now));
    }
    if (reader.consumed() != before || reader.hasPartial() && reader.file().position() != before) {
      lastGrowthAt = now;
    }
    if (out.size() < max) {
      atEnd(now, nextHasData, out);
    }
    return out;
  }

  private void atEnd(long now, boolean nextHasData, List<Tailed> out) throws IOException {
    add(out, reader.expired(now, settings.partialLineTimeoutMs()), now);
    Line expired = events.expired(now);
    if (expired != null) {
      emit(out, List.of(expired));
    }
    if (rotatedAway
        && (reader.file().compressed()
            || nextHasData
            || now - lastGrowthAt >= settings.rotationDrainMs())) {
      Object inode = reader.file().inode();
      finish(out, now);
      Path next = queue.poll();
      if (next != null) {
        open(next, 0, true);
      } else if (Files.exists(live)) {
        open(live, 0, false);
      } else {
        deleted = !renamedToACopy(inode);
      }
    }
  }

  /** Whether a rotated copy of the live path is the file of {@code inode}: renamed, not deleted. */
  private boolean renamedToACopy(Object inode) {
    String text = String.valueOf(inode);
    return Rotated.siblings(live, settings.rotatedSuffix()).stream()
        .anyMatch(copy -> text.equals(Rotated.inodeText(copy)));
  }

  /**
   * Whether the live path was deleted (not renamed to a rotated copy) and its last file is read to
   * its end and closed: the task may forget this tailer. A file that appears at the path later is a
   * new one, found by the task's next scan.
   */
  boolean deleted() {
    return deleted && reader == null && queue.isEmpty() && !Files.exists(live);
  }

  private void add(List<Tailed> out, Line line, long now) {
    if (line != null) {
      emit(out, events.add(line, now));
    }
  }

  private void emit(List<Tailed> out, List<Line> lines) {
    for (Line line : lines) {
      out.add(new Tailed(line, offset(line, reader.head(), reader.file())));
    }
  }

  /** Ends the generation being read: its partial last line and pending event are sent. */
  private void finish(List<Tailed> out, long now) throws IOException {
    add(out, reader.flush(), now);
    Line pending = events.flush();
    if (pending != null) {
      emit(out, List.of(pending));
    }
    reader.file().close();
    reader = null;
  }

  private boolean nextHasData() {
    Path next = queue.isEmpty() ? live : queue.peek();
    try {
      return Files.size(next) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sees whether the live path is still the generation being read; false while reading must wait (a
   * truncated file whose copy is not there yet).
   */
  private boolean checkLive(long now, List<Tailed> out) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(live, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      rotatedAway = true;
      return true;
    }
    if (!Objects.equals(attributes.fileKey(), reader.file().inode())) {
      rotatedAway = true;
      log.debug("{}: renamed away; reading the old file to its end", live);
      return true;
    }
    long size = attributes.size();
    if (truncatedAt < 0 && size == checkedSize && size >= reader.consumed()) {
      return true;
    }
    checkedSize = size;
    Head head = reader.head();
    if (truncatedAt < 0
        && size >= reader.consumed()
        && head.sameStart(reader.file().headNow(head.length()))) {
      return true;
    }
    return truncated(now, out);
  }

  /** The live file was truncated: the rest of the generation is in its rotated copy. */
  private boolean truncated(long now, List<Tailed> out) throws IOException {
    if (truncatedAt < 0) {
      truncatedAt = now;
    }
    for (Path copy : Rotated.siblings(live, settings.rotatedSuffix())) {
      if (Rotated.startsWith(copy, reader.head())) {
        LogFile rest = LogFile.open(copy, reader.consumed());
        reader.file().close();
        reader.moveTo(rest);
        rotatedAway = true;
        truncatedAt = -1;
        log.debug("{}: truncated; reading the rest from {}", live, copy);
        return true;
      }
    }
    if (now - truncatedAt < settings.rotationDrainMs()) {
      return false; // the copy may be being compressed: look again
    }
    log.warn("{}: truncated and no rotated copy starts like it; reading it from its start", live);
    truncatedAt = -1;
    finish(out, now);
    open(live, 0, false);
    return true;
  }

  private Map<String, Object> offset(Line event, Head head, LogFile file) {
    Map<String, Object> offset = new HashMap<>();
    int length = (int) Math.min(head.length(), event.end());
    offset.put(POSITION, event.end());
    offset.put(FINGERPRINT, head.fingerprint(length));
    offset.put(FINGERPRINT_BYTES, length);
    offset.put(INODE, String.valueOf(file.inode()));
    offset.put(FILE, file.path().toString());
    offset.put(SIZE, Math.max(Math.max(seenSize, file.position()), event.end()));
    return offset;
  }

  Path live() {
    return live;
  }

  /** Bytes written to the live file and its copies not yet sent, as far as can be told. */
  long bytesBehind() {
    try {
      long behind = 0;
      if (reader != null && !reader.file().compressed()) {
        behind += Math.max(0, reader.file().size() - reader.lineStart());
      }
      if (reader == null || rotatedAway) {
        behind += Files.exists(live) ? Files.size(live) : 0;
      }
      return behind;
    } catch (IOException e) {
      return -1;
    }
  }

  /** What the tailer is doing, for its task's metrics. */
  String status() {
    if (reader == null) {
      return "waiting for " + live + " to appear";
    }
    return (rotatedAway ? "finishing rotated " : "reading ")
        + reader.file().path()
        + " at "
        + reader.lineStart()
        + (queue.isEmpty() ? "" : ", then " + queue);
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.file().close();
    }
  }
}
