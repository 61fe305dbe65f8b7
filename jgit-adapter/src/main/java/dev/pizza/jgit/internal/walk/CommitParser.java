package dev.pizza.jgit.internal.walk;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.util.RawParseUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the raw bytes of a commit object into a {@link CommitRecord}, with exactly the field values
 * JGit's {@code RevCommit} reports, without building a {@code RevCommit}; but for a message with a
 * NUL byte, which ends where {@code git log} ends it (at the NUL), not where JGit does.
 *
 * <p>Fast paths, each checked against the bytes and falling back to JGit's own parser otherwise: an
 * identity line of the usual form {@code Name <email> 1234567890 +0100} reuses the decoded person
 * from an {@link IdentityCache} and reads time and zone by hand; a message of plain ASCII without
 * an {@code encoding} header is copied straight into a string. Any other ident line is read by
 * {@link IdentLine} the way git reads it, line by line; a commit whose time or offset needs one of
 * {@link Signature}'s fallbacks is delivered and logged once per parser (one parser per stream, so
 * one warning per repository and bake). Not thread safe (one per stream).
 */
public final class CommitParser {
  private static final Signature UNKNOWN =
      new Signature(new Identity("", ""), Instant.EPOCH, ZoneOffset.UTC);

  private static final Logger log = LoggerFactory.getLogger(CommitParser.class);

  // Header names as bytes: charAt in a loop is slow in code that only C1 compiled.
  private static final byte[] AUTHOR = "author ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENCODING = "encoding ".getBytes(StandardCharsets.US_ASCII);

  /** Times the fast path reads: none that {@link Signature} would clamp at any offset. */
  private static final long FAST_LATEST = 253_402_300_799L - 18 * 3600;

  private final IdentityCache identities = new IdentityCache();
  private boolean warned;

  /** Parses commit {@code id}; its ids (tree, parents) are as long as {@code id}. */
  CommitRecord parse(CommitId id, byte[] raw) {
    int hex = id.hex().length();
    CommitHeader header = new CommitHeader(raw, hex);
    List<CommitId> parents = parents(header);
    // One pass over the header lines after the parents: author, committer, encoding, the end.
    int authorAt = -1;
    int committerAt = -1;
    boolean encoding = false;
    for (int p = header.nextLine(); p >= 0; p = header.nextLine()) {
      if (authorAt < 0 && CommitHeader.startsWith(raw, p, AUTHOR)) {
        authorAt = p + 7;
      } else if (committerAt < 0 && CommitHeader.startsWith(raw, p, CommitHeader.COMMITTER)) {
        committerAt = p + 10;
      } else if (CommitHeader.startsWith(raw, p, ENCODING)) {
        encoding = true;
      }
    }
    int msg = header.messageStart();
    Signature author = signature(raw, authorAt);
    Signature committer =
        sameLine(raw, authorAt, committerAt) ? author : signature(raw, committerAt);
    return CommitRecord.of(id, parents, author, committer, message(raw, msg, encoding));
  }

  /**
   * Whether the ident lines at {@code a} and {@code b} hold the same bytes up to their line feeds,
   * so that they read as the same signature: a committer is often the author at the same time (46%
   * of rails' commits), and comparing the bytes costs less than reading them again.
   */
  private static boolean sameLine(byte[] raw, int a, int b) {
    if (a < 0 || b < 0) {
      return false;
    }
    int n = raw.length - Math.max(a, b);
    for (int i = 0; i < n; i++) {
      byte x = raw[a + i];
      if (x != raw[b + i]) {
        return false;
      }
      if (x == '\n') {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the parent lines: an immutable list the record keeps as it is (it copies any other), for
   * the usual one or two parents without a list to grow.
   */
  private static List<CommitId> parents(CommitHeader header) {
    if (!header.nextParent()) {
      return List.of();
    }
    CommitId first = header.parentId();
    if (!header.nextParent()) {
      return List.of(first);
    }
    CommitId second = header.parentId();
    if (!header.nextParent()) {
      return List.of(first, second);
    }
    List<CommitId> parents = new ArrayList<>(4);
    parents.add(first);
    parents.add(second);
    do {
      parents.add(header.parentId());
    } while (header.nextParent());
    return parents;
  }

  /**
   * The message from {@code msg} to its first NUL byte: git reads a commit's message as a C string,
   * so {@code git log} prints nothing after a NUL (which {@code git fsck} reports as {@code
   * nulInCommit}), and a database text column could not hold one either. Decoded as JGit decodes
   * it: in the charset of the {@code encoding} header, UTF-8 without one (looked up by JGit only
   * when {@code encoding} says there is one).
   */
  private static String message(byte[] raw, int msg, boolean encoding) {
    if (msg < 0) {
      return "";
    }
    boolean ascii = true;
    int end = msg;
    for (; end < raw.length; end++) {
      byte b = raw[end];
      if (b == 0) {
        break;
      }
      if (b < 0) {
        ascii = false;
      }
    }
    if (!encoding && ascii) {
      return new String(raw, msg, end - msg, StandardCharsets.ISO_8859_1);
    }
    if (!encoding) {
      // Valid UTF-8 decodes alike either way, and the String constructor's decoder is much
      // cheaper than JGit's (a CharsetDecoder and its buffers, per message). A malformed sequence
      // comes out as U+FFFD, where JGit tries other charsets: such a message (or one holding
      // U+FFFD itself) is decoded again by JGit.
      String s = new String(raw, msg, end - msg, StandardCharsets.UTF_8);
      if (s.indexOf('\uFFFD') < 0) {
        return s;
      }
    }
    Charset charset = encoding ? RawParseUtils.guessEncoding(raw) : StandardCharsets.UTF_8;
    return RawParseUtils.decode(charset, raw, msg, end);
  }

  private Signature signature(byte[] raw, int at) {
    if (at < 0) {
      return UNKNOWN;
    }
    // Fast path: "<name> <<email>> <seconds> <+|-><hhmm>\n" with nothing odd in it. The bytes up
    // to '>' are hashed on the way, as the identity cache's key.
    int lt = -1;
    int gt = -1;
    int hash = IdentityCache.HASH_START;
    int end = at;
    while (end < raw.length) {
      byte b = raw[end];
      if (b == '\n') {
        break;
      }
      if (b == 0) { // git reads the line up to the NUL: IdentLine does too
        return slow(raw, at);
      }
      if (gt < 0) {
        hash = IdentityCache.hash(hash, b);
      }
      if (b == '<') {
        if (lt >= 0) {
          return slow(raw, at);
        }
        lt = end;
      } else if (b == '>') {
        if (gt >= 0) {
          return slow(raw, at);
        }
        gt = end;
      }
      end++;
    }
    if (lt < 0 || gt < lt || gt + 8 > end || raw[gt + 1] != ' ') {
      return slow(raw, at);
    }
    int p = gt + 2;
    long seconds = 0;
    int digits = 0;
    while (p < end && raw[p] >= '0' && raw[p] <= '9' && digits < 12) {
      seconds = seconds * 10 + (raw[p++] - '0');
      digits++;
    }
    if (digits == 0
        || seconds > FAST_LATEST
        || p + 6 != end
        || raw[p] != ' '
        || (raw[p + 1] != '+' && raw[p + 1] != '-')) {
      return slow(raw, at);
    }
    for (int i = p + 2; i < p + 6; i++) {
      if (raw[i] < '0' || raw[i] > '9') {
        return slow(raw, at);
      }
    }
    int hh = (raw[p + 2] - '0') * 10 + (raw[p + 3] - '0');
    int mm = (raw[p + 4] - '0') * 10 + (raw[p + 5] - '0');
    int minutes = hh * 60 + mm;
    if (raw[p + 1] == '-') {
      minutes = -minutes;
    }
    if (minutes < -18 * 60 || minutes > 18 * 60) {
      return slow(raw, at);
    }
    Identity who = identities.get(raw, at, lt, gt, hash);
    return new Signature(who, Instant.ofEpochSecond(seconds), offset(minutes));
  }

  private final ZoneOffset[] offsets = new ZoneOffset[18 * 60 * 2 + 1];

  /** Returns the offset of {@code minutes} east of UTC, made once per distinct value. */
  private ZoneOffset offset(int minutes) {
    ZoneOffset z = offsets[minutes + 18 * 60];
    if (z == null) {
      z = ZoneOffset.ofTotalSeconds(minutes * 60);
      offsets[minutes + 18 * 60] = z;
    }
    return z;
  }

  private Signature slow(byte[] raw, int at) {
    IdentLine.Result r = IdentLine.parse(raw, at);
    if (r.fallback() && !warned) {
      warned = true;
      int end = RawParseUtils.nextLF(raw, at);
      log.warn(
          "A commit's ident line holds a time, offset or email git cannot read ({}); delivered"
              + " as {} (see Signature); further such commits of this repository are not logged",
          RawParseUtils.decode(raw, at, Math.max(at, end - 1)),
          r.signature().time());
    }
    return r.signature();
  }
}
