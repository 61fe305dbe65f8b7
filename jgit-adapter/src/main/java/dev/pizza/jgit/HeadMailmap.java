package dev.pizza.jgit;

import dev.pizza.Mailmap;
import dev.pizza.errors.PizzaException;
import java.io.IOException;
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

  private HeadMailmap() {}

  /**
   * Returns the mailmap of {@code HEAD:.mailmap}; empty when HEAD names no commit, the file is
   * absent, not a blob, too large, or neither held by this repository nor fetched by {@code
   * fetcher}. Never throws: a failure is logged.
   */
  static Mailmap read(Repository repository, Object name, @Nullable Fetcher fetcher) {
    try {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Mailmap.EMPTY;
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
