package dev.pizza.jgit;

import dev.pizza.CommitRecord;
import dev.pizza.CommitStream;
import java.io.IOException;
import java.util.Arrays;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.jspecify.annotations.Nullable;

/**
 * Streams the commits reachable from some tips and not from others, straight from the object
 * database.
 *
 * <p>Algorithm: first every commit reachable from the excluded tips is put into the {@code seen}
 * set, reading only parent lines; then a depth-first walk from the included tips emits each commit
 * not yet seen and pushes its unseen parents. Both steps follow parent links only, so the result is
 * exactly {@code include ^exclude} whatever the commit dates say. Memory: the seen set (about 29
 * bytes per commit) and a stack of pending ids (20 bytes each); no per-commit object survives.
 */
final class GitCommitStream implements CommitStream {
  private final ObjectReader reader;
  private final CommitIdSet seen;
  private int[] stack = new int[CommitIdSet.WORDS * 64];
  private int depth;

  GitCommitStream(ObjectReader reader, Iterable<ObjectId> include, Iterable<ObjectId> exclude)
      throws IOException {
    this.reader = reader;
    this.seen = new CommitIdSet(1024);
    markExcluded(exclude);
    int[] w = new int[CommitIdSet.WORDS];
    for (ObjectId id : include) {
      Ids.toWords(id, w, 0);
      if (seen.add(w, 0)) {
        push(w, 0);
      }
    }
  }

  private void markExcluded(Iterable<ObjectId> exclude) throws IOException {
    int[] w = new int[CommitIdSet.WORDS];
    for (ObjectId id : exclude) {
      Ids.toWords(id, w, 0);
      if (seen.add(w, 0)) {
        push(w, 0);
      }
    }
    while (depth > 0) {
      depth--;
      ObjectId id = Ids.fromWords(stack, depth * CommitIdSet.WORDS);
      pushUnseenParents(load(id));
    }
  }

  @Override
  public @Nullable CommitRecord next() throws IOException {
    if (depth == 0) {
      return null;
    }
    depth--;
    ObjectId id = Ids.fromWords(stack, depth * CommitIdSet.WORDS);
    byte[] raw = load(id);
    pushUnseenParents(raw);
    return CommitParser.parse(id, raw);
  }

  private byte[] load(ObjectId id) throws IOException {
    return reader.open(id, Constants.OBJ_COMMIT).getCachedBytes();
  }

  private void pushUnseenParents(byte[] raw) {
    int top = depth;
    ensure(depth + 2);
    for (int p = CommitParser.FIRST_PARENT; CommitParser.isParentLine(raw, p); p += 48) {
      ensure(depth + 1);
      int off = depth * CommitIdSet.WORDS;
      CommitParser.parseWords(raw, p + 7, stack, off);
      if (seen.add(stack, off)) {
        depth++;
      }
    }
    // Visit the first parent next, so linear history streams in order.
    reverse(top, depth);
  }

  private void reverse(int from, int to) {
    int[] tmp = new int[CommitIdSet.WORDS];
    for (int i = from, j = to - 1; i < j; i++, j--) {
      System.arraycopy(stack, i * CommitIdSet.WORDS, tmp, 0, CommitIdSet.WORDS);
      System.arraycopy(stack, j * CommitIdSet.WORDS, stack, i * CommitIdSet.WORDS, CommitIdSet.WORDS);
      System.arraycopy(tmp, 0, stack, j * CommitIdSet.WORDS, CommitIdSet.WORDS);
    }
  }

  private void push(int[] w, int off) {
    ensure(depth + 1);
    System.arraycopy(w, off, stack, depth * CommitIdSet.WORDS, CommitIdSet.WORDS);
    depth++;
  }

  private void ensure(int entries) {
    if (entries * CommitIdSet.WORDS > stack.length) {
      stack = Arrays.copyOf(stack, Math.max(stack.length * 2, entries * CommitIdSet.WORDS));
    }
  }

  @Override
  public void close() {
    reader.close();
  }
}
