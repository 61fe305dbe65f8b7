package dev.pizza.jgit.internal.walk;

import dev.pizza.cache.AtomicFiles;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generation numbers of commits, kept beside a repository so that an incremental walk costs what is
 * new rather than the whole history.
 *
 * <p>A commit's generation is its {@link CorrectedDates corrected commit date}: its committer date,
 * raised above its parents' highest generation where needed (an unsigned int). It is a fact of the
 * commit id (a commit's ancestry cannot change), so entries never go stale and any subset of them
 * is valid; a lost or damaged file only costs recomputation.
 *
 * <h2>Format</h2>
 *
 * Files {@code layer-NNNNNNNNNNNNNNNN-RRRRRRRR.gen} in one directory, each: the magic {@code PZGN},
 * the version (3 for SHA-1 ids of 20 bytes, 4 for SHA-256 ids of 32; versions 1 and 2 held
 * topological levels, which are not comparable with corrected commit dates, and are discarded), the
 * entry count N (big-endian ints), N entries of an id and a 4-byte generation sorted by id, and a
 * CRC-32 of everything before it. The two formats never share a directory: SHA-256 layers live in a
 * {@code sha256} subdirectory, so a repository re-created in the other format at the same place
 * never mixes them, and a layer of the other version is refused like a damaged one. A file is
 * written by {@link AtomicFiles} (temporary name, forced to disk, renamed, directory forced), so
 * readers see whole files or none. When more than {@link #MAX_LAYERS} layers exist, a writer merges
 * them all into one. A file that fails its checks is deleted and ignored.
 *
 * <p>Which layers were already found whole is remembered in the {@link VerifiedLayers} of the
 * backend that opened the index, not in static state.
 */
final class GenerationIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GenerationIndex.class);
  private static final int MAGIC = 0x505a474e; // "PZGN"
  private static final int HEADER = 12;
  static final int MAX_LAYERS = 8;

  private final @Nullable Path dir;
  private final ObjectFormat format;
  private final List<Layer> layers;
  private final VerifiedLayers verified;

  /** The file version of a format's layers. */
  private static int version(ObjectFormat format) {
    return format == ObjectFormat.SHA1 ? 3 : 4;
  }

  /** The bytes of one entry: the id and the generation. */
  private static int entry(ObjectFormat format) {
    return format.rawLength() + 4;
  }

  private record Layer(Path file, MappedByteBuffer data, int count, ObjectFormat format) {
    int find(int[] w, int off) {
      int words = format.words();
      int entry = entry(format);
      int lo = 0;
      int hi = count;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        int at = HEADER + mid * entry;
        int cmp = 0;
        for (int i = 0; i < words && cmp == 0; i++) {
          cmp = Integer.compareUnsigned(data.getInt(at + i * 4), w[off + i]);
        }
        if (cmp == 0) {
          return data.getInt(at + format.rawLength());
        } else if (cmp < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return 0;
    }
  }

  private GenerationIndex(
      @Nullable Path dir, ObjectFormat format, List<Layer> layers, VerifiedLayers verified) {
    this.dir = dir;
    this.format = format;
    this.layers = layers;
    this.verified = verified;
  }

  /** Opens the SHA-1 layers in {@code dir} (which need not exist yet), newest first. */
  static GenerationIndex open(Path dir, VerifiedLayers verified) {
    return open(dir, ObjectFormat.SHA1, verified);
  }

  /**
   * Opens the layers of ids in {@code format} kept under {@code base} (which need not exist yet),
   * newest first.
   */
  static GenerationIndex open(Path base, ObjectFormat format, VerifiedLayers verified) {
    Path dir = format == ObjectFormat.SHA1 ? base : base.resolve(format.configName());
    List<Layer> layers = new ArrayList<>();
    for (Path file : layerFiles(dir)) {
      Layer layer = read(file, format, verified);
      if (layer != null) {
        layers.add(layer);
      }
    }
    return new GenerationIndex(dir, format, layers, verified);
  }

  /** An index that remembers nothing and writes nothing. */
  static GenerationIndex none() {
    return new GenerationIndex(null, ObjectFormat.SHA1, new ArrayList<>(), new VerifiedLayers());
  }

  /** Returns whether {@link #add} keeps anything. */
  boolean isWritable() {
    return dir != null;
  }

  boolean isEmpty() {
    return layers.isEmpty();
  }

  /** Returns the generation of the id in {@code w[off..]} (in this index's format), or 0. */
  int lookup(int[] w, int off) {
    for (Layer layer : layers) {
      int g = layer.find(w, off);
      if (g != 0) {
        return g;
      }
    }
    return 0;
  }

  /**
   * Adds a layer holding {@code entries}; merges the layers when there are too many. Never throws.
   */
  void add(GenerationEntries entries) {
    Path dir = this.dir;
    if (dir == null || entries.size() == 0) {
      return;
    }
    if (entries.words() != format.words()) {
      throw new IllegalArgumentException("ids of another object format than " + format);
    }
    try {
      Files.createDirectories(dir);
      entries.sort();
      write(dir, format, entries);
      List<Path> files = layerFiles(dir);
      if (files.size() > MAX_LAYERS) {
        compact(dir, format, files, verified);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("cannot write generation numbers under {}: {}", dir, e.toString());
    }
  }

  private static void write(Path dir, ObjectFormat format, GenerationEntries entries)
      throws IOException {
    String name =
        String.format(
            "layer-%016x-%08x.gen",
            System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
    AtomicFiles.replace(
        dir.resolve(name),
        dir,
        out -> {
          CRC32 crc = new CRC32();
          ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
          buf.putInt(MAGIC).putInt(version(format)).putInt(entries.size());
          for (int i = 0; i < entries.size(); i++) {
            if (buf.remaining() < entry(format) + 4) {
              flush(buf, out, crc);
            }
            entries.put(i, buf);
          }
          flush(buf, out, crc);
          buf.putInt((int) crc.getValue());
          out.write(buf.array(), 0, buf.position());
        });
  }

  private static void flush(ByteBuffer buf, OutputStream out, CRC32 crc) throws IOException {
    crc.update(buf.array(), 0, buf.position());
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }

  /** Merges every layer into one, then deletes the merged files. */
  private static void compact(
      Path dir, ObjectFormat format, List<Path> files, VerifiedLayers verified) throws IOException {
    GenerationEntries all = new GenerationEntries(format.words());
    List<Path> merged = new ArrayList<>();
    int[] w = new int[format.words()];
    for (Path f : files) {
      Layer l = read(f, format, verified);
      if (l == null) {
        continue;
      }
      merged.add(f);
      for (int i = 0; i < l.count(); i++) {
        int at = HEADER + i * entry(format);
        for (int k = 0; k < format.words(); k++) {
          w[k] = l.data().getInt(at + k * 4);
        }
        all.add(w, 0, l.data().getInt(at + format.rawLength()));
      }
    }
    all.sort();
    all.dropDuplicates();
    write(dir, format, all);
    for (Path f : merged) {
      Files.deleteIfExists(f);
    }
  }

  private static List<Path> layerFiles(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "layer-*.gen")) {
      s.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(Comparator.comparing(Path::toString).reversed());
    return out;
  }

  private static @Nullable Layer read(Path file, ObjectFormat format, VerifiedLayers verified) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      String identity =
          file.toAbsolutePath() + "|" + size + "|" + Files.getLastModifiedTime(file).toMillis();
      if (size < HEADER + 4 || size > Integer.MAX_VALUE) {
        throw new IOException("bad size " + size);
      }
      MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int count = data.getInt(8);
      if (data.getInt(0) != MAGIC
          || data.getInt(4) != version(format)
          || count < 0
          || (long) HEADER + (long) count * entry(format) + 4 != size) {
        throw new IOException("bad header");
      }
      if (!verified.contains(identity)) {
        CRC32 crc = new CRC32();
        crc.update(data.slice(0, (int) size - 4));
        if ((int) crc.getValue() != data.getInt((int) size - 4)) {
          throw new IOException("bad checksum");
        }
        verified.add(identity);
      }
      return new Layer(file, data, count, format);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      log.debug("discarding damaged generation file {}: {}", file, e.toString());
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Read only, or gone: ignoring it is enough.
      }
      return null;
    }
  }

  @Override
  public void close() {
    layers.clear();
  }
}
