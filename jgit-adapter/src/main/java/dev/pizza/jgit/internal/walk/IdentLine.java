package dev.pizza.jgit.internal.walk;

import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Reads one {@code author} or {@code committer} line the way git's {@code split_ident_line} does,
 * never looking past the line's end (its line feed, or a NUL byte): the name before the first
 * {@code <}, the email up to the next {@code >}, then the seconds and the {@code +hhmm} offset
 * after the last {@code >}. What git cannot read gets the fallbacks documented on {@link
 * Signature}; {@link #parse} reports whether one was used so the caller can warn.
 */
final class IdentLine {
  /** The latest second worth making an Instant of; {@link Signature} clamps anything later. */
  private static final long LATEST = 253_402_300_799L + 18 * 3600 + 1;

  private static final Identity NOBODY = new Identity("", "");

  private IdentLine() {}

  /** What {@link #parse} read, and whether a fallback stood in for part of it. */
  record Result(Signature signature, boolean fallback) {}

  /**
   * Parses the ident starting at {@code at} (after {@code "author "}) up to the line's end: a line
   * feed, or a NUL byte, where git's reading of the line as a C string ends it too.
   */
  static Result parse(byte[] raw, int at) {
    int end = at;
    while (end < raw.length && raw[end] != '\n' && raw[end] != 0) {
      end++;
    }
    int lt = indexOf(raw, at, end, (byte) '<');
    int gt = lt < 0 ? -1 : indexOf(raw, lt + 1, end, (byte) '>');
    if (gt < 0) {
      return new Result(new Signature(NOBODY, Instant.EPOCH, ZoneOffset.UTC), true);
    }
    Identity who = identity(raw, at, lt, gt);
    int last = gt;
    for (int i = end - 1; i > gt; i--) {
      if (raw[i] == '>') {
        last = i;
        break;
      }
    }
    int c = skipSpaces(raw, last + 1, end);
    int dateStart = c;
    while (c < end && isDigit(raw[c])) {
      c++;
    }
    int dateEnd = c;
    c = skipSpaces(raw, c, end);
    if (dateEnd == dateStart || c >= end || (raw[c] != '+' && raw[c] != '-')) {
      return epoch(who);
    }
    int tzStart = c + 1;
    int tzEnd = tzStart;
    while (tzEnd < end && isDigit(raw[tzEnd])) {
      tzEnd++;
    }
    if (tzEnd == tzStart) {
      return epoch(who);
    }
    long seconds = digits(raw, dateStart, dateEnd);
    if (seconds < 0) {
      return epoch(who); // overflows 64 bits: git shows the epoch
    }
    boolean fallback = seconds > LATEST;
    Instant instant = Instant.ofEpochSecond(Math.min(seconds, LATEST));
    long hhmm = digits(raw, tzStart, tzEnd);
    long minutes = hhmm < 0 ? Long.MAX_VALUE : (hhmm / 100) * 60 + hhmm % 100;
    ZoneOffset offset = ZoneOffset.UTC;
    if (minutes <= 18 * 60) {
      offset = ZoneOffset.ofTotalSeconds((int) (raw[c] == '-' ? -minutes : minutes) * 60);
    } else {
      fallback = true;
    }
    Signature s = new Signature(who, instant, offset);
    return new Result(s, fallback || !s.instant().equals(instant));
  }

  /**
   * Splits name and email as git's {@code split_ident_line} does: the name is what comes before the
   * first {@code <} ({@code lt}) less its trailing whitespace (space, tab, CR, LF: git's {@code
   * isspace}), the email what lies between {@code <} and {@code >} ({@code gt}), as written. The
   * bytes are decoded as JGit decodes them, from a copy holding the name, one space, the email in
   * brackets and a harmless time (JGit would also read the time, and may throw on it; it trims one
   * space before {@code <}, not all whitespace).
   */
  static Identity identity(byte[] raw, int at, int lt, int gt) {
    int nameEnd = lt;
    while (nameEnd > at && isSpace(raw[nameEnd - 1])) {
      nameEnd--;
    }
    byte[] tail = {' ', '0', ' ', '+', '0', '0', '0', '0', '\n'};
    int name = nameEnd - at;
    int email = gt + 1 - lt;
    byte[] line = new byte[name + 1 + email + tail.length];
    System.arraycopy(raw, at, line, 0, name);
    line[name] = ' ';
    System.arraycopy(raw, lt, line, name + 1, email);
    System.arraycopy(tail, 0, line, name + 1 + email, tail.length);
    PersonIdent p = RawParseUtils.parsePersonIdent(line, 0);
    return p == null ? NOBODY : new Identity(p.getName(), p.getEmailAddress());
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  private static Result epoch(Identity who) {
    return new Result(new Signature(who, Instant.EPOCH, ZoneOffset.UTC), true);
  }

  /**
   * Returns the value of the decimal digits {@code raw[from, to)}, or -1 past Long.MAX_VALUE - 1.
   */
  private static long digits(byte[] raw, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = raw[i] - '0';
      if (v > (Long.MAX_VALUE - 1 - d) / 10) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int indexOf(byte[] raw, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (raw[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpaces(byte[] raw, int from, int to) {
    int i = from;
    while (i < to && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
