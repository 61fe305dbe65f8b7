package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of a repository read straight from its files, ids in its {@link ObjectFormat}: every
 * pack through {@link Pack} (mapped, newest first) and loose objects from {@code objects/xx/...},
 * plus those of its alternates. Positions number the packs' index entries one pack after another,
 * then loose objects in the order they were first located. The set of packs is fixed when opened.
 * Resolved objects are cached, up to a bound chosen when opened, in one {@link ObjectCache}. Not
 * thread safe.
 */
public final class MappedObjects implements ObjectSource {
  /**
   * The default bound of the objects cached per source (see {@link ObjectCache}), which a
   * line-stats bake's blob reader needs: with 8 MiB its stage used 10.1-10.6 s of CPU on libgit2
   * against 6.1-6.4 s. A reader of commits alone keeps it and holds little whatever the bound:
   * commits stored whole skip the cache, and the walk of rails held 1 MiB, of libgit2 256 KiB.
   */
  public static final long CACHE_BYTES = 32L << 20;

  private final List<Path> objectDirs;
  private final ObjectFormat format;
  private final Pack[] packs;
  private final ObjectCache cache;
  private final int[] firstPosition;
  private final int packedCount;
  private final Map<String, Integer> loosePositions = new HashMap<>();
  private final List<String> looseIds = new ArrayList<>();
  private final List<Path> looseFiles = new ArrayList<>();

  private MappedObjects(
      List<Path> objectDirs, ObjectFormat format, List<Pack> packs, ObjectCache cache) {
    this.objectDirs = objectDirs;
    this.cache = cache;
    this.format = format;
    this.packs = packs.toArray(Pack[]::new);
    this.firstPosition = new int[this.packs.length];
    long total = 0;
    for (int i = 0; i < this.packs.length; i++) {
      firstPosition[i] = (int) total;
      total += this.packs[i].count();
    }
    if (total > Integer.MAX_VALUE / 2) {
      throw new IllegalStateException("more objects than positions: " + total);
    }
    this.packedCount = (int) total;
  }

  /**
   * Opens the objects of the repository whose object directory is {@code objects}, named in {@code
   * format}, caching at most {@code cacheBytes} of them.
   *
   * @throws UnsupportedPackException if a pack is of a kind this reader does not handle
   */
  public static MappedObjects open(Path objects, ObjectFormat format, long cacheBytes)
      throws IOException {
    return open(objects, format, cacheBytes, PackData.SEGMENT, PackData.OVERLAP);
  }

  /** Opens with chosen pack segment sizes (see {@link PackData}); tests use small ones. */
  public static MappedObjects open(
      Path objects, ObjectFormat format, long cacheBytes, long segment, int overlap)
      throws IOException {
    List<Path> dirs = new ArrayList<>();
    collect(objects, dirs, 0);
    for (int attempt = 0; ; attempt++) {
      List<Pack> packs = new ArrayList<>();
      ObjectCache cache = new ObjectCache(cacheBytes);
      try {
        for (Path dir : dirs) {
          for (Path idx : packIndexes(dir.resolve("pack"))) {
            String name = idx.getFileName().toString();
            packs.add(
                Pack.open(
                    idx,
                    idx.resolveSibling(name.substring(0, name.length() - 4) + ".pack"),
                    format,
                    segment,
                    overlap,
                    cache,
                    packs.size()));
          }
        }
        return new MappedObjects(dirs, format, packs, cache);
      } catch (NoSuchFileException e) {
        // A repack replaced packs while listing: list again.
        packs.forEach(Pack::close);
        if (attempt == 3) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        packs.forEach(Pack::close);
        throw e;
      }
    }
  }

  private static void collect(Path objects, List<Path> dirs, int depth) throws IOException {
    if (depth > 5 || dirs.contains(objects)) {
      return;
    }
    dirs.add(objects);
    Path alternates = objects.resolve("info").resolve("alternates");
    if (Files.isRegularFile(alternates)) {
      for (String line : Files.readAllLines(alternates)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          collect(objects.resolve(l).normalize(), dirs, depth + 1);
        }
      }
    }
  }

  /** Returns the pack indexes that have a pack, newest first (new objects are looked up first). */
  private static List<Path> packIndexes(Path packDir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(packDir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(packDir, "pack-*.idx")) {
      for (Path idx : s) {
        String name = idx.getFileName().toString();
        if (Files.isRegularFile(
            idx.resolveSibling(name.substring(0, name.length() - 4) + ".pack"))) {
          out.add(idx);
        }
      }
    }
    Map<Path, Long> mtimes = new HashMap<>();
    for (Path p : out) {
      mtimes.put(p, Files.getLastModifiedTime(p).toMillis());
    }
    out.sort(
        Comparator.comparing((Path p) -> mtimes.get(p)).reversed().thenComparing(Path::toString));
    return out;
  }

  /** The bound of the objects this source caches. */
  long cacheBytes() {
    return cache.maxBytes();
  }

  @Override
  public ObjectFormat format() {
    return format;
  }

  @Override
  public int locate(int[] w, int off) throws IOException {
    for (int i = 0; i < packs.length; i++) {
      int pos = packs[i].find(w, off);
      if (pos >= 0) {
        return firstPosition[i] + pos;
      }
    }
    String hex = Ids.hex(w, off, format.words());
    Integer known = loosePositions.get(hex);
    if (known != null) {
      return known;
    }
    for (Path dir : objectDirs) {
      Path file = dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2));
      if (Files.isRegularFile(file)) {
        int pos = packedCount + looseIds.size();
        looseIds.add(hex);
        looseFiles.add(file);
        loosePositions.put(hex, pos);
        return pos;
      }
    }
    return -1;
  }

  /**
   * Reads ahead what locating and reading the objects will read, a few passes over the ids per pack
   * ({@link Pack#touch}), each a loop whose reads wait for no other read, so that the processor has
   * many in flight at once: the lines of the index table where each search will look, then the rest
   * of each id in the mapped index, the object cache's slot of each object found and the start of
   * its content. The lookups and reads that follow find those lines at hand; one at a time, each of
   * them waited for a cache miss at each step (the synthetic 100k-commit history's index table is
   * 4.8 MB, its mapped index 16 MB, the blob stage's cache 32 MiB), and those waits were about half
   * the blob stage's CPU in a line-stats bake. Loose objects are left alone.
   */
  @Override
  public void warm(int[] ids, int count) {
    if (candidates.length < count) {
      candidates = new int[Math.max(count, 2 * candidates.length)];
      keys = new long[candidates.length];
    }
    long sum = 0;
    for (Pack p : packs) {
      sum += p.touch(ids, count, candidates, keys);
    }
    warmth += sum;
  }

  /** Room for {@link Pack#touch}'s candidates and keys. */
  private int[] candidates = new int[0];

  private long[] keys = new long[0];

  /** What {@link #warm} read, kept so that its reads are made. */
  private long warmth;

  @Override
  public void words(int position, int[] out, int off) {
    if (position >= packedCount) {
      Ids.toWords(looseIds.get(position - packedCount), format, out, off);
      return;
    }
    int i = packOf(position);
    packs[i].words(position - firstPosition[i], out, off);
  }

  @Override
  public String name(int position) throws IOException {
    if (position >= packedCount) {
      return looseIds.get(position - packedCount);
    }
    return ObjectSource.super.name(position);
  }

  @Override
  public byte[] read(int position, int type) throws IOException {
    if (position >= packedCount) {
      return readLoose(position - packedCount, type);
    }
    int i = packOf(position);
    Typed object = packs[i].read(position - firstPosition[i], type);
    if (object.type() != type) {
      throw new WrongTypeException(name(position), type);
    }
    return object.data();
  }

  @Override
  public int read(int position, int type, Buffers into) throws IOException {
    if (position >= packedCount) {
      return ObjectSource.super.read(position, type, into);
    }
    int i = packOf(position);
    int length = packs[i].read(position - firstPosition[i], type, into);
    if (length < 0) {
      throw new WrongTypeException(name(position), type);
    }
    return length;
  }

  @Override
  public byte[] readHead(int position, int type, int max) throws IOException {
    if (position >= packedCount) {
      return readLoose(position - packedCount, type, max);
    }
    int i = packOf(position);
    Typed object = packs[i].readHead(position - firstPosition[i], max);
    if (object.type() != type) {
      throw new WrongTypeException(name(position), type);
    }
    return object.data();
  }

  @Override
  public Typed readAny(int position) throws IOException {
    if (position >= packedCount) {
      int loose = position - packedCount;
      int type = looseType(loose);
      return new Typed(type, readLoose(loose, type));
    }
    int i = packOf(position);
    return packs[i].read(position - firstPosition[i], 0);
  }

  /** The type from the object's header: for a delta, down its chain's headers to its base's. */
  @Override
  public int type(int position) throws IOException {
    if (position >= packedCount) {
      return looseType(position - packedCount);
    }
    int i = packOf(position);
    return packs[i].type(position - firstPosition[i]);
  }

  /**
   * Reads a longer object's first bytes only, whether packed ({@link Pack#readAtMost}) or loose.
   */
  @Override
  public long readAtMost(int position, int type, int max, int head, Buffers into)
      throws IOException {
    if (position >= packedCount) {
      return readLoose(position - packedCount, type, max, head, into);
    }
    int i = packOf(position);
    long size = packs[i].readAtMost(position - firstPosition[i], type, max, head, into);
    if (size < 0) {
      throw new WrongTypeException(name(position), type);
    }
    return size;
  }

  private int packOf(int position) {
    int lo = 0;
    int hi = packs.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (firstPosition[mid] <= position) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private byte[] readLoose(int loose, int type) throws IOException {
    return readLoose(loose, type, Integer.MAX_VALUE);
  }

  /** A loose object's first {@code max} bytes, or all of it if it is shorter. */
  private byte[] readLoose(int loose, int type, int max) throws IOException {
    byte[][] data = new byte[1][];
    readLoose(loose, type, max, max, n -> data[0] = new byte[n]);
    return data[0];
  }

  /** {@link LooseObject#read} of the loose object {@code loose}. */
  private long readLoose(int loose, int type, int max, int head, Buffers into) throws IOException {
    return LooseObject.read(looseFiles.get(loose), looseIds.get(loose), type, max, head, into);
  }

  private int looseType(int loose) throws IOException {
    return LooseObject.type(looseFiles.get(loose), looseIds.get(loose));
  }

  @Override
  public int positionBound() {
    return packedCount + looseIds.size();
  }

  @Override
  public void close() {
    for (Pack p : packs) {
      p.close();
    }
    cache.clear();
  }
}
