package dev.pizza.jgit;

import dev.pizza.Mailmap;
import dev.pizza.errors.PizzaException;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a repository's {@code .mailmap} at {@code HEAD}, as git does in a bare repository ({@code
 * mailmap.blob} defaults to {@code HEAD:.mailmap} there). A work tree's uncommitted {@code
 * .mailmap}, which git would read in a non-bare repository, is not read: every bake of one commit
 * sees the same mapping.
 *
 * <p>A mirror cloned without trees and blobs (the backend's default, {@link
 * JGitBackendBuilder#treeless}) lacks the file: given a {@link Fetcher}, this fetches {@code
 * HEAD}'s root tree alone (filter {@code tree:0}: git's server sends a wanted tree itself; JGit's
 * needs {@code tree:1}, which git's answers with the root's entries too) and then the one blob, two
 * small requests made only when {@code HEAD}'s tree is new to the mirror. The mirror stays treeless
 * otherwise.
 *
 * <p>The three objects are read with the mapped reader the walk uses when it can ({@link
 * ObjectSources}): JGit's reader reads a pack's whole index into memory before its first object (35
 * MB and a noticeable part of a short bake for rails' history). JGit's path remains for what that
 * reader cannot do: objects the repository lacks (fetched for a treeless mirror) and the rest.
 */
final class HeadMailmap {
  private static final Logger log = LoggerFactory.getLogger(HeadMailmap.class);

  /** A larger {@code .mailmap} is left out rather than read into memory (git has no bound). */
  static final long MAX_BYTES = 16L << 20;

  /** Fetches one object the repository lacks, by id, with a partial-clone filter or "none". */
  @FunctionalInterface
  interface Fetcher {
    void fetch(ObjectId id, String filter) throws PizzaException;
  }

  /** Reads the mailmap given {@code HEAD}'s id when its refs were read already (else null). */
  @FunctionalInterface
  interface Reader {
    Mailmap read(@Nullable KnownHead head);
  }

  /**
   * {@code HEAD}'s id as {@code repository.resolve("HEAD")} gives it, null when it names nothing:
   * read with the refs (see {@link PlainRefs#list}), it spares JGit parsing {@code packed-refs}
   * again (10-25 ms of a new process on rails).
   */
  record KnownHead(@Nullable ObjectId id) {}

  private HeadMailmap() {}

  /**
   * Returns the mailmap of {@code HEAD:.mailmap}; empty when HEAD names no commit, the file is
   * absent, not a blob, too large, or neither held by this repository nor fetched by {@code
   * fetcher}. Never throws: a failure is logged. {@code known} is HEAD's id when read already.
   */
  static Mailmap read(
      Repository repository, @Nullable KnownHead known, Object name, @Nullable Fetcher fetcher) {
    try {
      ObjectId head = known != null ? known.id() : repository.resolve(Constants.HEAD);
      if (head == null) {
        return Mailmap.EMPTY;
      }
      Mailmap mapped = readMapped(repository, head, name);
      if (mapped != null) {
        return mapped;
      }
      ObjectId tree;
      try (RevWalk walk = new RevWalk(repository)) {
        tree = walk.parseCommit(head).getTree().copy();
      }
      ensure(repository, tree, fetcher, "tree:0", "tree:1");
      ObjectId blob;
      try (ObjectReader reader = repository.newObjectReader();
          TreeWalk entry = TreeWalk.forPath(reader, ".mailmap", tree)) {
        if (entry == null || entry.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          return Mailmap.EMPTY;
        }
        blob = entry.getObjectId(0);
      }
      ensure(repository, blob, fetcher, "none");
      try (ObjectReader reader = repository.newObjectReader()) {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_BYTES) {
          log.warn(
              "{}: .mailmap is {} bytes, more than {}; left out",
              name,
              loader.getSize(),
              MAX_BYTES);
          return Mailmap.EMPTY;
        }
        return Mailmap.parse(RawParseUtils.decode(loader.getCachedBytes()));
      }
    } catch (MissingObjectException e) {
      log.debug("{}: .mailmap not read, the repository lacks {}", name, e.getObjectId().name());
      return Mailmap.EMPTY;
    } catch (IOException | PizzaException | RuntimeException e) {
      log.warn("{}: .mailmap not read: {}", name, e.toString());
      return Mailmap.EMPTY;
    }
  }

  /**
   * Reads {@code HEAD:.mailmap} through {@link ObjectSources}; returns null when the repository
   * lacks one of the objects or the reader fails, for JGit's path to decide.
   */
  private static @Nullable Mailmap readMapped(Repository repository, ObjectId head, Object name) {
    ObjectFormat format = ObjectFormat.SHA1; // JGit opens SHA-1 repositories only
    try (ObjectSource objects = ObjectSources.open(repository)) {
      int[] w = new int[ObjectFormat.MAX_WORDS];
      Ids.toWords(head, w, 0);
      int commit = objects.locate(w, 0);
      if (commit < 0) {
        return null;
      }
      byte[] header = objects.readHead(commit, Constants.OBJ_COMMIT, 5 + format.hexLength() + 1);
      if (header.length < 5 + format.hexLength() || !startsWith(header, "tree ")) {
        return null;
      }
      Ids.parseWords(header, 5, format, w, 0);
      int tree = objects.locate(w, 0);
      if (tree < 0) {
        return null;
      }
      if (!findBlob(objects.read(tree, Constants.OBJ_TREE), format, w)) {
        return Mailmap.EMPTY;
      }
      int blob = objects.locate(w, 0);
      if (blob < 0) {
        return null;
      }
      // One byte past the bound tells a blob too large from one at it; the whole blob was read
      // before (a .mailmap of 96 MB: 103 MB allocated to learn that it is left out).
      byte[] text = objects.readHead(blob, Constants.OBJ_BLOB, (int) MAX_BYTES + 1);
      if (text.length > MAX_BYTES) {
        log.warn("{}: .mailmap is more than {} bytes; left out", name, MAX_BYTES);
        return Mailmap.EMPTY;
      }
      return Mailmap.parse(RawParseUtils.decode(text));
    } catch (IOException | RuntimeException e) {
      log.debug("{}: .mailmap not read with the mapped reader: {}", name, e.toString());
      return null;
    }
  }

  /**
   * Finds the entry {@code .mailmap} in the raw tree {@code tree} ({@code MODE NAME\0ID} entries)
   * and writes its id as words into {@code w}; returns false when there is none or it is not a blob
   * (a tree or a submodule).
   */
  static boolean findBlob(byte[] tree, ObjectFormat format, int[] w) {
    byte[] wanted = ".mailmap".getBytes(StandardCharsets.US_ASCII);
    int p = 0;
    while (p < tree.length) {
      int space = p;
      while (space < tree.length && tree[space] != ' ') {
        space++;
      }
      int nul = space + 1;
      while (nul < tree.length && tree[nul] != 0) {
        nul++;
      }
      int id = nul + 1;
      if (id + format.rawLength() > tree.length) {
        return false;
      }
      if (nul - space - 1 == wanted.length
          && Arrays.equals(tree, space + 1, nul, wanted, 0, wanted.length)) {
        // Blobs are 100644, 100755 and 120000; trees 40000 and submodules 160000.
        if (tree[p] != '1' || space - p != 6 || tree[p + 1] == '6') {
          return false;
        }
        for (int i = 0; i < format.words(); i++) {
          int o = id + 4 * i;
          w[i] =
              (tree[o] & 0xff) << 24
                  | (tree[o + 1] & 0xff) << 16
                  | (tree[o + 2] & 0xff) << 8
                  | tree[o + 3] & 0xff;
        }
        return true;
      }
      p = id + format.rawLength();
    }
    return false;
  }

  private static boolean startsWith(byte[] b, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Fetches {@code id} when it is missing, with each filter in turn until it is there. */
  private static void ensure(
      Repository repository, ObjectId id, @Nullable Fetcher fetcher, String... filters)
      throws IOException, PizzaException {
    for (String filter : filters) {
      if (fetcher == null || repository.getObjectDatabase().has(id)) {
        return;
      }
      log.debug("fetching {} with filter {} for .mailmap", id.name(), filter);
      fetcher.fetch(id, filter);
    }
  }
}
