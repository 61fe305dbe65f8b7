package dev.pizza.jgit;

import dev.pizza.CommitRecord;
import dev.pizza.CommitStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Streams {@code include ^exclude} in generation order, stopping as soon as nothing new can be
 * left: the incremental walk, whose cost grows with the new commits rather than the history.
 *
 * <p>Commits wait in a max-heap by generation, each flagged NEW (reached from an included tip),
 * OLD (reached from an excluded tip) or both. Popping the highest generation first means every
 * commit that can reach the popped one has already been popped and has passed its flags on, so
 * the popped commit's flags are final: it is emitted if it is NEW and not OLD, and its parents
 * inherit its flags. When no queued commit is NEW-only, every commit still unvisited is reachable
 * only through OLD ones, so the walk stops. Dates play no part; generations come from the {@link
 * GenerationIndex}, or are computed from parents (and then added to it).
 */
final class GenerationWalk implements CommitStream {
  private final ObjectSource objects;
  private final GenerationIndex index;
  private final boolean shallow;
  private final CommitParser parser = new CommitParser();
  private final GenerationIndex.Entries learned = new GenerationIndex.Entries();
  private final BitSet isNew = new BitSet();
  private final BitSet isOld = new BitSet();
  private final BitSet queued = new BitSet();
  private final int[] w = new int[5];
  private int[] gens = new int[1024];
  private long[] heap = new long[64];
  private int heapSize;
  private int pureNew;
  private boolean finished;

  GenerationWalk(
      ObjectSource objects,
      GenerationIndex index,
      Iterable<ObjectId> include,
      Iterable<ObjectId> exclude,
      boolean shallow)
      throws IOException {
    this.objects = objects;
    this.index = index;
    this.shallow = shallow;
    for (ObjectId id : exclude) {
      reach(require(id), false, true);
    }
    for (ObjectId id : include) {
      reach(require(id), true, false);
    }
  }

  private int require(ObjectId id) throws IOException {
    Ids.toWords(id, w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      throw new MissingObjectException(id, Constants.OBJ_COMMIT);
    }
    return pos;
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    while (pureNew > 0) {
      int pos = pop();
      boolean fresh = isNew.get(pos);
      boolean old = isOld.get(pos);
      if (fresh && !old) {
        pureNew--;
      }
      byte[] raw = objects.read(pos, Constants.OBJ_COMMIT);
      for (int p = CommitParser.FIRST_PARENT; CommitParser.isParentLine(raw, p); p += 48) {
        int parent = locateParent(raw, p);
        if (parent >= 0) {
          reach(parent, fresh, old);
        }
      }
      if (fresh && !old) {
        return parser.parse(objects.id(pos), raw);
      }
    }
    finish();
    return null;
  }

  /** Passes flags to {@code pos}, queueing it the first time. */
  private void reach(int pos, boolean fresh, boolean old) throws IOException {
    boolean wasQueued = queued.get(pos);
    boolean wasPureNew = wasQueued && isNew.get(pos) && !isOld.get(pos);
    if (fresh) {
      isNew.set(pos);
    }
    if (old) {
      isOld.set(pos);
    }
    boolean nowPureNew = isNew.get(pos) && !isOld.get(pos);
    if (!wasQueued) {
      if (isDone(pos)) {
        return;
      }
      queued.set(pos);
      push(((long) generation(pos) << 32) | pos);
      if (nowPureNew) {
        pureNew++;
      }
    } else if (wasPureNew && !nowPureNew) {
      pureNew--;
    }
  }

  private final BitSet done = new BitSet();

  private boolean isDone(int pos) {
    return done.get(pos);
  }

  private int locateParent(byte[] raw, int p) throws IOException {
    CommitParser.parseWords(raw, p + 7, w, 0);
    int pos = objects.locate(w, 0);
    if (pos < 0 && !shallow) {
      throw new MissingObjectException(Ids.fromWords(w, 0), Constants.OBJ_COMMIT);
    }
    return pos;
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
    int[] pw = new int[5];
    while (depth > 0) {
      int top = stack[depth - 1];
      if (knownGeneration(top) > 0) {
        depth--;
        continue;
      }
      byte[] raw = objects.read(top, Constants.OBJ_COMMIT);
      int max = 0;
      boolean ready = true;
      for (int p = CommitParser.FIRST_PARENT; CommitParser.isParentLine(raw, p); p += 48) {
        CommitParser.parseWords(raw, p + 7, pw, 0);
        int parent = objects.locate(pw, 0);
        if (parent < 0) {
          if (!shallow) {
            throw new MissingObjectException(Ids.fromWords(pw, 0), Constants.OBJ_COMMIT);
          }
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
          max = Math.max(max, g);
        }
      }
      if (ready) {
        setGeneration(top, max + 1);
        Ids.toWords(objects.id(top), pw, 0);
        learned.add(pw, 0, max + 1);
        depth--;
      }
    }
    return knownGeneration(pos);
  }

  private int knownGeneration(int pos) throws IOException {
    if (pos < gens.length && gens[pos] != 0) {
      return gens[pos];
    }
    int[] iw = new int[5];
    Ids.toWords(objects.id(pos), iw, 0);
    int g = index.lookup(iw, 0);
    if (g > 0) {
      setGeneration(pos, g);
    }
    return g;
  }

  private void setGeneration(int pos, int gen) {
    if (pos >= gens.length) {
      gens = Arrays.copyOf(gens, Math.max(pos + 1, gens.length * 2));
    }
    gens[pos] = gen;
  }

  private void push(long entry) {
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] >= entry) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  private int pop() {
    long top = heap[0];
    long last = heap[--heapSize];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= last) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    if (heapSize > 0) {
      heap[i] = last;
    }
    int pos = (int) top;
    queued.clear(pos);
    done.set(pos);
    return pos;
  }

  private void finish() {
    if (!finished) {
      finished = true;
      index.add(learned);
    }
  }

  @Override
  public void close() {
    objects.close();
  }
}
