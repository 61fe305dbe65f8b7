package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.spi.CommitStream;
import java.io.IOException;
import java.util.Arrays;
import org.eclipse.jgit.lib.Constants;
import org.jspecify.annotations.Nullable;

/**
 * Streams {@code include ^exclude} in generation order, stopping as soon as nothing new can be
 * left: the incremental walk, whose cost grows with the new commits rather than the history.
 * Generations are {@link CorrectedDates corrected commit dates}, so the walk follows the dates as
 * git's does, and a new commit on a long-lived branch does not drag the walk down to its fork.
 *
 * <p>Commits wait in a max-heap by generation, each flagged NEW (reached from an included tip), OLD
 * (reached from an excluded tip) or both. Popping the highest generation first means every commit
 * that can reach the popped one has already been popped and has passed its flags on, so the popped
 * commit's flags are final: it is emitted if it is NEW and not OLD, and its parents inherit its
 * flags. When no queued commit is NEW-only, every commit still unvisited is reachable only through
 * OLD ones, so the walk stops. Dates play no part; generations come from the {@link
 * GenerationIndex}, or are computed from parents (and then added to it).
 *
 * <p>Commits of equal generation pop by id, highest first, never by position: the order, hence the
 * counts intermediate checkpoints keep, is a function of the graph alone and survives a fetch that
 * adds packs (which renumbers positions). A generation is higher than its parents', so the stream
 * is the range sorted by (generation, id), descending.
 */
final class IncrementalCommitStream implements CommitStream {
  private final ObjectSource objects;
  private final GenerationIndex index;
  private final boolean shallow;
  private final CommitParser parser = new CommitParser();
  private final GenerationEntries learned;

  /** Per position: the flag bits below. */
  private final PositionMap flags = new PositionMap();

  /** Per position: the generation, once known. */
  private final PositionMap gens = new PositionMap();

  private static final int NEW = 1;
  private static final int OLD = 2;
  private static final int QUEUED = 4;
  private static final int DONE = 8;
  private final int[] w = new int[ObjectFormat.MAX_WORDS];
  private final int hex;
  private long[] heap = new long[64];
  private int heapSize;
  private int pureNew;
  private boolean finished;

  IncrementalCommitStream(
      ObjectSource objects,
      GenerationIndex index,
      Iterable<CommitId> include,
      Iterable<CommitId> exclude,
      boolean shallow)
      throws IOException {
    this.objects = objects;
    this.index = index;
    this.shallow = shallow;
    this.hex = objects.format().hexLength();
    this.learned = new GenerationEntries(objects.format().words());
    for (CommitId id : exclude) {
      reach(ObjectSources.require(objects, id, w), false, true);
    }
    for (CommitId id : include) {
      reach(ObjectSources.require(objects, id, w), true, false);
    }
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    int pos = nextPosition();
    return pos < 0 ? null : parser.parse(new CommitId(objects.name(pos)), lastRaw);
  }

  /** Passes over commits without parsing them. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && nextPosition() >= 0) {
      skipped++;
    }
    return skipped;
  }

  private byte[] lastRaw = new byte[0];

  /**
   * Advances like {@link #next()} without parsing: returns the position of the next commit of the
   * range, or -1 when the walk is done. Positions come in order of non-increasing generation.
   */
  private int nextPosition() throws IOException {
    while (pureNew > 0) {
      int pos = pop();
      int f = flags.get(pos);
      boolean fresh = (f & NEW) != 0;
      boolean old = (f & OLD) != 0;
      if (fresh && !old) {
        pureNew--;
      }
      byte[] raw = objects.read(pos, Constants.OBJ_COMMIT);
      CommitHeader header = CommitHeader.checked(raw, hex);
      while (header.nextParent()) {
        int parent = header.parentPosition(objects, w, shallow);
        if (parent >= 0) {
          reach(parent, fresh, old);
        }
      }
      if (fresh && !old) {
        lastRaw = raw;
        return pos;
      }
    }
    finish();
    return -1;
  }

  /** Passes flags to {@code pos}, queueing it the first time. */
  private void reach(int pos, boolean fresh, boolean old) throws IOException {
    int before = flags.get(pos);
    if ((before & DONE) != 0) {
      return;
    }
    int after = before | (fresh ? NEW : 0) | (old ? OLD : 0);
    boolean wasPureNew = (before & (NEW | OLD)) == NEW;
    boolean nowPureNew = (after & (NEW | OLD)) == NEW;
    if ((before & QUEUED) == 0) {
      flags.put(pos, after | QUEUED);
      push((Integer.toUnsignedLong(generation(pos)) << 31) | pos);
      if (nowPureNew) {
        pureNew++;
      }
    } else {
      flags.put(pos, after);
      if (wasPureNew && !nowPureNew) {
        pureNew--;
      }
    }
  }

  /** Returns the generation of the commit at {@code pos}, computing and learning it if unknown. */
  private int generation(int pos) throws IOException {
    int known = knownGeneration(pos);
    if (known > 0) {
      return known;
    }
    int[] stack = new int[64];
    int depth = 0;
    stack[depth++] = pos;
    int[] pw = new int[ObjectFormat.MAX_WORDS];
    while (depth > 0) {
      int top = stack[depth - 1];
      if (knownGeneration(top) > 0) {
        depth--;
        continue;
      }
      byte[] raw = objects.read(top, Constants.OBJ_COMMIT);
      int max = 0;
      boolean ready = true;
      CommitHeader header = CommitHeader.checked(raw, hex);
      while (header.nextParent()) {
        int parent = header.parentPosition(objects, pw, shallow);
        if (parent < 0) {
          continue;
        }
        int g = knownGeneration(parent);
        if (g == 0) {
          ready = false;
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
          }
          stack[depth++] = parent;
        } else {
          max = Integer.compareUnsigned(max, g) < 0 ? g : max;
        }
      }
      if (ready) {
        int gen = CorrectedDates.of(CorrectedDates.committerSeconds(raw, hex), max);
        setGeneration(top, gen);
        objects.words(top, pw, 0);
        learned.add(pw, 0, gen);
        depth--;
      }
    }
    return knownGeneration(pos);
  }

  private final int[] iw = new int[ObjectFormat.MAX_WORDS];

  private int knownGeneration(int pos) throws IOException {
    int g = gens.get(pos);
    if (g != 0) {
      return g;
    }
    objects.words(pos, iw, 0);
    g = index.lookup(iw, 0);
    if (g > 0) {
      gens.put(pos, g);
    }
    return g;
  }

  private void setGeneration(int pos, int gen) {
    gens.put(pos, gen);
  }

  private void push(long entry) throws IOException {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!above(entry, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  private final int[] wa = new int[ObjectFormat.MAX_WORDS];
  private final int[] wb = new int[ObjectFormat.MAX_WORDS];

  /**
   * Returns whether heap entry {@code a} pops before {@code b}: a higher generation, or an equal
   * one and a higher id. Ids are read only for equal generations.
   */
  private boolean above(long a, long b) throws IOException {
    long ga = a >>> 31;
    long gb = b >>> 31;
    if (ga != gb) {
      return ga > gb;
    }
    int pa = (int) (a & Integer.MAX_VALUE);
    int pb = (int) (b & Integer.MAX_VALUE);
    if (pa == pb) {
      return false;
    }
    objects.words(pa, wa, 0);
    objects.words(pb, wb, 0);
    for (int i = 0, n = objects.format().words(); i < n; i++) {
      if (wa[i] != wb[i]) {
        return Integer.compareUnsigned(wa[i], wb[i]) > 0;
      }
    }
    return false;
  }

  private int pop() throws IOException {
    long top = heap[0];
    long last = heap[--heapSize];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && above(heap[child + 1], heap[child])) {
        child++;
      }
      if (!above(heap[child], last)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    if (heapSize > 0) {
      heap[i] = last;
    }
    int pos = (int) (top & Integer.MAX_VALUE);
    flags.put(pos, (flags.get(pos) & ~QUEUED) | DONE);
    return pos;
  }

  /**
   * Keeps what the walk learned. Not in a shallow repository: there a generation counts only the
   * history present, and would be too low once the repository is deepened.
   */
  private void finish() {
    if (!finished) {
      finished = true;
      if (!shallow) {
        index.add(learned);
      }
    }
  }

  @Override
  public void close() {
    objects.close();
  }
}
