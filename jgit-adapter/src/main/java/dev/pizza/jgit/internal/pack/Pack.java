package dev.pizza.jgit.internal.pack;

import dev.pizza.jgit.internal.pack.ObjectSource.Typed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * One pack file with its {@link PackIndex}: decodes the objects it holds. The pack is mapped in
 * segments ({@link PackData}), so its size is not limited. Reads return the object's type with its
 * content, resolving offset and reference deltas through the {@link ObjectCache} its {@link
 * MappedObjects} shares among its packs (bases met on delta chains, and trees and blobs read). A
 * pack this reader does not handle is refused ({@link UnsupportedPackException}) and the caller
 * falls back to JGit's reader. Not thread safe.
 */
final class Pack implements AutoCloseable {
  private final Path packFile;
  private final int idWords;
  private final PackIndex index;
  private final PackData pack;
  private final long packLength;
  private final PackInflater inflater;
  private final ObjectHeader headers;

  /** Reads objects' types, sizes and first bytes; made on first use. */
  private @Nullable ObjectPrefix prefix;

  private final ObjectCache cache;
  private final int number;

  private Pack(
      Path packFile,
      ObjectFormat format,
      PackIndex index,
      PackData pack,
      ObjectCache cache,
      int number)
      throws IOException {
    this.packFile = packFile;
    this.cache = cache;
    this.number = number;
    this.idWords = format.words();
    this.index = index;
    this.pack = pack;
    this.packLength = pack.length();
    if (packLength < 12 + format.rawLength() || pack.getInt(0) != 0x5041434b) {
      throw new IOException("not a pack file: " + packFile);
    }
    // As git and JGit do: an index left from another pack of the same name would send every read
    // to another object's offset.
    if (pack.getInt(8) != index.count() || !index.describes(pack)) {
      throw new IOException("the pack index does not match its pack: " + packFile);
    }
    this.inflater = new PackInflater(pack, packFile, index);
    this.headers = new ObjectHeader(pack, packFile, index, format);
  }

  /**
   * Opens a pack with chosen segment sizes (see {@link PackData}; tests use small ones); its
   * objects are cached in {@code cache} under the pack's {@code number}, unique among the packs
   * sharing it.
   */
  static Pack open(
      Path idxFile,
      Path packFile,
      ObjectFormat format,
      long segment,
      int overlap,
      ObjectCache cache,
      int number)
      throws IOException {
    PackIndex index = SharedIndexes.open(idxFile, format);
    PackData data = PackData.open(packFile, segment, overlap);
    try {
      return new Pack(packFile, format, index, data, cache, number);
    } catch (IOException | RuntimeException e) {
      data.close();
      throw e;
    }
  }

  int count() {
    return index.count();
  }

  /** Returns the index position of the id in {@code w[off..]}, or -1. */
  int find(int[] w, int off) {
    return index.find(w, off);
  }

  /**
   * Reads ahead for {@link MappedObjects#warm}: {@link PackIndex#touch}, then {@link
   * ObjectCache#touch} for the objects at the candidates it found (with {@code keys} as room for
   * their keys), then the first bytes of each one's content, in the cache where it is there, else
   * in the pack. Returns a value made of what it read, for the caller to keep. Never throws: what
   * it cannot read ahead is left to the read itself.
   */
  long touch(int[] ids, int count, int[] candidates, long[] keys) {
    long sum = index.touch(ids, count, idWords, candidates);
    int n = 0;
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      if (c < 0) {
        continue;
      }
      long offset;
      try {
        offset = index.offset(c);
      } catch (IOException e) {
        continue; // a corrupt index: the read that follows reports it
      }
      keys[n++] = ObjectCache.key(number, offset);
    }
    sum += cache.touch(keys, n);
    byte[] arena = cache.arena();
    for (int i = 0; i < n; i++) {
      long where = cache.peek(keys[i]);
      long offset = keys[i] & OFFSET_BITS;
      if (where >= 0) {
        sum += arena[(int) (where >>> 32)];
      } else if (offset >= 12 && offset < packLength) {
        sum += pack.get(offset);
      }
    }
    return sum;
  }

  /** The offset in an {@link ObjectCache#key}. */
  private static final long OFFSET_BITS = (1L << 44) - 1;

  /** Writes the id of the object at index {@code position} as words into {@code out[off..]}. */
  void words(int position, int[] out, int off) {
    index.words(position, out, off);
  }

  /**
   * Returns the type and content of the object at index {@code position}, deltas resolved; a tree
   * or blob is also copied into the cache. {@code type} is the type the caller expects, or 0 if it
   * does not know: a commit stored whole skips the cache (commits are read once each by a walk and
   * cached only as delta bases), and a tree or blob is looked up in the cache without a look at the
   * pack first (a random read of the mapped pack, for nothing on a hit: a line-stats bake reads
   * most blobs twice, as the old side of one change and the new side of the next).
   */
  Typed read(int position, int type) throws IOException {
    long offset = index.offset(position);
    if (type != Constants.OBJ_TREE && type != Constants.OBJ_BLOB && headers.isWholeCommit(offset)) {
      return loadWhole(offset, byte[]::new).typed();
    }
    long key = ObjectCache.key(number, offset);
    Typed cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Loaded loaded = load(offset, type, Integer.MAX_VALUE, Integer.MAX_VALUE, byte[]::new);
    if (loaded == null) {
      return OTHER_TYPE;
    }
    Typed object = loaded.typed();
    if (object.type() == Constants.OBJ_TREE || object.type() == Constants.OBJ_BLOB) {
      cache.put(key, object);
    }
    return object;
  }

  /** What {@link #read(int, int)} returns for an object not of the type asked for. */
  private static final Typed OTHER_TYPE = new Typed(-1, new byte[0]);

  /**
   * {@link #read(int, int)} into an array {@code into} gives (see {@link ObjectSource#read(int,
   * int, ObjectSource.Buffers)}): returns the length, or -1 if the object is not of {@code type}. A
   * cached object is copied straight out of the cache, and a delta is applied straight into that
   * array.
   */
  int read(int position, int type, ObjectSource.Buffers into) throws IOException {
    return (int) readAtMost(position, type, Integer.MAX_VALUE, Integer.MAX_VALUE, into);
  }

  /**
   * {@link ObjectSource#readAtMost}: returns the object's size, or -1 if it is not of {@code type}.
   * The common object, not longer, is read as by {@link #read(int, int, ObjectSource.Buffers)}, its
   * size checked on headers that read parses anyway; one found longer (or on a chain with a longer
   * base or delta) is measured by its headers and, if longer, read by its first bytes ({@link
   * ObjectPrefix}).
   */
  long readAtMost(int position, int type, int max, int head, ObjectSource.Buffers into)
      throws IOException {
    long offset = index.offset(position);
    long key = ObjectCache.key(number, offset);
    int cached = cache.find(key);
    if (cached >= 0) {
      if (cache.type(cached) != type) {
        return -1;
      }
      int length = cache.length(cached);
      int n = length > max ? Math.min(length, head) : length;
      System.arraycopy(cache.arena(), cache.offset(cached), into.take(n), 0, n);
      return length;
    }
    Loaded object = load(offset, type, Integer.MAX_VALUE, max, into);
    if (object == null) {
      ObjectPrefix p = prefix();
      if (p.type(offset) != type) {
        return -1;
      }
      long size = p.size(offset);
      if (size > max) {
        int n = (int) Math.min(size, head);
        p.read(offset, into.take(n), n);
        return size;
      }
      object = loadWhole(offset, into); // a longer base or delta: the rare chain that shrinks
    }
    if (object.type() == Constants.OBJ_TREE || object.type() == Constants.OBJ_BLOB) {
      cache.put(key, object.type(), object.data(), object.length());
    }
    return object.length();
  }

  /**
   * The type of the object at index {@code position} from the headers of the pack alone: a delta's
   * is its base's, down the chain, nothing inflated.
   */
  int type(int position) throws IOException {
    return prefix().type(index.offset(position));
  }

  private ObjectPrefix prefix() {
    ObjectPrefix p = prefix;
    if (p == null) {
      p = new ObjectPrefix(headers, pack, packFile, cache, number, index.count());
      prefix = p;
    }
    return p;
  }

  /** An object's type and content: the first {@code length} bytes of {@code data}. */
  private record Loaded(int type, byte[] data, int length) {
    Typed typed() {
      return new Typed(type, data); // read into arrays of their length
    }
  }

  /**
   * Returns the type and the first {@code max} bytes of the object at index {@code position} (all
   * of it when it is shorter or stored as a delta of at most {@link #WHOLE_HEAD} bytes): inflating
   * a commit's first lines costs a fraction of inflating all of it. A longer delta's first bytes
   * are read by {@link ObjectPrefix}.
   */
  Typed readHead(int position, int max) throws IOException {
    long offset = index.offset(position);
    Loaded object = load(offset, 0, max, WHOLE_HEAD, byte[]::new);
    if (object != null) {
      return object.typed();
    }
    return prefix().head(offset, max);
  }

  /** The longest delta {@link #readHead} resolves whole: commits and tags but hostile ones. */
  private static final int WHOLE_HEAD = 1 << 20;

  /**
   * The deltas being resolved by {@link #load}, the requested object first: their offsets, where
   * their data starts, and its size. A delta chain is followed in a loop, not by recursion, so a
   * chain of any depth resolves.
   */
  private long[] chain = new long[16];

  private long[] chainData = new long[16];
  private int[] chainSize = new int[16];

  /** {@link #load} of all of the object. */
  private Loaded loadWhole(long offset, ObjectSource.Buffers into) throws IOException {
    return Objects.requireNonNull(load(offset, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, into));
  }

  /**
   * Loads the first {@code max} bytes of the object at {@code offset} (all of a delta's result),
   * its content in an array {@code into} gives; returns null, having read what it can leave unread,
   * when that would be more than {@code limit} bytes, or a base or delta on its chain is, or when
   * it is not of type {@code expected} (0: any), found before anything large is inflated.
   */
  private @Nullable Loaded load(
      long offset, int expected, int max, int limit, ObjectSource.Buffers into) throws IOException {
    int type = headers.read(offset);
    if (!ObjectHeader.isDelta(type)) {
      if (expected != 0 && type != expected) {
        return null;
      }
      int n = (int) Math.min(headers.size, max);
      if (n > limit) {
        return null;
      }
      return new Loaded(type, inflater.inflate(headers.data, n, n == headers.size, into), n);
    }
    // Down the chain to a base that is cached or stored whole (each base lies before its delta,
    // or is found by id: a chain longer than the pack's objects is a cycle)...
    int depth = 0;
    long at = offset;
    int cached;
    @Nullable Loaded base = null;
    while (true) {
      if (depth == chain.length) {
        chain = Arrays.copyOf(chain, 2 * depth);
        chainData = Arrays.copyOf(chainData, 2 * depth);
        chainSize = Arrays.copyOf(chainSize, 2 * depth);
      }
      chain[depth] = at;
      if (headers.size > limit) {
        return null;
      }
      chainData[depth] = headers.data;
      chainSize[depth++] = (int) headers.size;
      if (depth > index.count()) {
        throw new IOException("delta chain in a cycle at " + offset + " in " + packFile);
      }
      at = headers.base;
      cached = cache.find(ObjectCache.key(number, at));
      if (cached >= 0) {
        if (expected != 0 && cache.type(cached) != expected) {
          return null;
        }
        break;
      }
      type = headers.read(at);
      if (!ObjectHeader.isDelta(type)) {
        int n = (int) headers.size;
        if (n > limit || (expected != 0 && type != expected)) {
          return null;
        }
        base = new Loaded(type, inflater.inflate(headers.data, n, true, byte[]::new), n);
        cache.put(ObjectCache.key(number, at), type, base.data(), n);
        break;
      }
    }
    // ...then up again, each result the base of the next delta, and cached as such.
    int i = depth - 1;
    byte[] delta = inflater.inflate(chainData[i], chainSize[i], true, byte[]::new);
    if (limit < Integer.MAX_VALUE && Delta.resultSize(delta) > limit) {
      return null;
    }
    ObjectSource.Buffers out = i == 0 ? into : byte[]::new;
    Loaded result =
        base != null
            ? new Loaded(
                base.type(),
                Delta.apply(base.data(), 0, base.length(), delta, out),
                Delta.resultSize(delta))
            : new Loaded(
                cache.type(cached),
                Delta.apply(cache.arena(), cache.offset(cached), cache.length(cached), delta, out),
                Delta.resultSize(delta));
    while (i > 0) {
      cache.put(ObjectCache.key(number, chain[i]), result.type(), result.data(), result.length());
      i--;
      delta = inflater.inflate(chainData[i], chainSize[i], true, byte[]::new);
      if (limit < Integer.MAX_VALUE && Delta.resultSize(delta) > limit) {
        return null;
      }
      out = i == 0 ? into : byte[]::new;
      result =
          new Loaded(
              result.type(),
              Delta.apply(result.data(), 0, result.length(), delta, out),
              Delta.resultSize(delta));
    }
    return result;
  }

  @Override
  public void close() {
    pack.close();
    inflater.close();
    if (prefix != null) {
      prefix.close();
    }
  }
}
