package dev.pizza.jgit;

import dev.pizza.Mailmap;
import java.io.IOException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a repository's {@code .mailmap} at {@code HEAD}, as git does in a bare repository ({@code
 * mailmap.blob} defaults to {@code HEAD:.mailmap} there). A work tree's uncommitted {@code
 * .mailmap}, which git would read in a non-bare repository, is not read: every bake of one commit
 * sees the same mapping.
 *
 * <p>A mirror cloned without trees and blobs (the backend's default, {@link
 * JGitBackendBuilder#treeless}) does not hold the file: its mailmap is empty, and only the oven's
 * own mailmap applies. Clone in full ({@code treeless(false)}) for the repository's {@code
 * .mailmap}.
 */
final class HeadMailmap {
  private static final Logger log = LoggerFactory.getLogger(HeadMailmap.class);

  /** A larger {@code .mailmap} is left out rather than read into memory (git has no bound). */
  static final long MAX_BYTES = 16L << 20;

  private HeadMailmap() {}

  /**
   * Returns the mailmap of {@code HEAD:.mailmap}; empty when HEAD names no commit, the file is
   * absent, not a blob, too large, or not held by this repository. Never throws.
   */
  static Mailmap read(Repository repository, Object name) {
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Mailmap.EMPTY;
      }
      RevCommit commit = walk.parseCommit(head);
      try (TreeWalk tree = TreeWalk.forPath(reader, ".mailmap", commit.getTree())) {
        if (tree == null || tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          return Mailmap.EMPTY;
        }
        ObjectLoader blob = reader.open(tree.getObjectId(0), Constants.OBJ_BLOB);
        if (blob.getSize() > MAX_BYTES) {
          log.warn(
              "{}: .mailmap is {} bytes, more than {}; left out", name, blob.getSize(), MAX_BYTES);
          return Mailmap.EMPTY;
        }
        return Mailmap.parse(RawParseUtils.decode(blob.getCachedBytes()));
      }
    } catch (MissingObjectException e) {
      log.debug("{}: .mailmap not read, the repository lacks {}", name, e.getObjectId().name());
      return Mailmap.EMPTY;
    } catch (IOException | RuntimeException e) {
      log.warn("{}: .mailmap not read: {}", name, e.toString());
      return Mailmap.EMPTY;
    }
  }
}
