package dev.pizza.jgit;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Turns the raw bytes of a commit object into a {@link CommitRecord}, reading fields exactly as
 * JGit's {@code RevCommit} does (same identity parser, same message decoding), without building a
 * {@code RevCommit}.
 */
final class CommitParser {
  private static final byte[] PARENT = {'p', 'a', 'r', 'e', 'n', 't', ' '};
  /** Where the first parent line starts: after {@code "tree "}, 40 hex digits and a newline. */
  static final int FIRST_PARENT = 46;

  private static final Signature UNKNOWN =
      new Signature(new Identity("", ""), Instant.EPOCH, ZoneOffset.UTC);

  private CommitParser() {}

  static CommitRecord parse(AnyObjectId id, byte[] raw) {
    List<CommitId> parents = new ArrayList<>(2);
    int[] w = new int[5];
    for (int p = FIRST_PARENT; isParentLine(raw, p); p += PARENT.length + 41) {
      parseWords(raw, p + PARENT.length, w, 0);
      parents.add(Ids.commitId(Ids.fromWords(w, 0)));
    }
    Signature author = signature(raw, RawParseUtils.author(raw, 0));
    Signature committer = signature(raw, RawParseUtils.committer(raw, 0));
    int msg = RawParseUtils.commitMessage(raw, 0);
    String message =
        msg < 0 ? "" : RawParseUtils.decode(RawParseUtils.guessEncoding(raw), raw, msg, raw.length);
    return CommitRecord.of(Ids.commitId(id), parents, author, committer, message);
  }

  /** Returns whether a {@code parent <hex>} line starts at {@code p}. */
  static boolean isParentLine(byte[] raw, int p) {
    if (p + PARENT.length + 41 > raw.length) {
      return false;
    }
    for (int i = 0; i < PARENT.length; i++) {
      if (raw[p + i] != PARENT[i]) {
        return false;
      }
    }
    return true;
  }

  /** Parses 40 hex digits at {@code raw[p..]} into five words at {@code out[off..]}. */
  static void parseWords(byte[] raw, int p, int[] out, int off) {
    for (int i = 0; i < 5; i++) {
      out[off + i] = RawParseUtils.parseHexInt32(raw, p + i * 8);
    }
  }

  private static Signature signature(byte[] raw, int at) {
    if (at < 0) {
      return UNKNOWN;
    }
    PersonIdent p = RawParseUtils.parsePersonIdent(raw, at);
    if (p == null) {
      return UNKNOWN;
    }
    return new Signature(
        new Identity(p.getName(), p.getEmailAddress()), p.getWhenAsInstant(), p.getZoneOffset());
  }
}
