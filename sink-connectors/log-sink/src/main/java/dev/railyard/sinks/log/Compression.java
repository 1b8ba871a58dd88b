package dev.railyard.sinks.log;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** How a rolled file is compressed ({@code log.compression}), and the name ending it then has. */
enum Compression {
  GZIP(".jsonl.gz"),
  ZSTD(".jsonl.zst"),
  NONE(".jsonl");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  /** The compression a rolled file's name says. */
  static Compression ofName(String name) {
    for (Compression c : values()) {
      if (c != NONE && name.endsWith(c.extension)) {
        return c;
      }
    }
    return NONE;
  }

  String extension() {
    return extension;
  }

  /** A stream that compresses into {@code out}; closing it closes {@code out}. */
  OutputStream wrap(OutputStream out) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPOutputStream(out, 64 * 1024);
      case ZSTD -> new ZstdOutputStream(out);
      case NONE -> out;
    };
  }
}
