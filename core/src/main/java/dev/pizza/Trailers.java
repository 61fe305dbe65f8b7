package dev.pizza;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the trailers of a commit message by git's own rules ({@code trailer.c}), so the result is
 * what {@code git log --format=%(trailers:only,unfold)} shows (the same as {@code git
 * interpret-trailers --parse --no-divider}):
 *
 * <ol>
 *   <li>The end of the message is cut as git's {@code ignore_non_trailer} does: a scissors line and
 *       everything after it, then a run at the end made only of comment lines ({@code #...}), empty
 *       lines and git's old conflicts block ({@code Conflicts:} then tab-indented paths).
 *   <li>Blank lines at the start are skipped, as git reads trailers from the subject on; the first
 *       paragraph is then the title and never holds trailers. Looking back from the end, the block
 *       is the lines after the last blank line when every one of them is a trailer (or the
 *       continuation of one), or when one is git-generated ({@code Signed-off-by: } or {@code
 *       (cherry picked from commit }) and trailers are at least a quarter of them.
 *   <li>A trailer line is a token of ASCII letters, digits and hyphens, optional blanks, a colon
 *       and a value; a line starting with whitespace continues the value above it (joined with one
 *       space). Other lines of the block, and comment lines, are not reported.
 * </ol>
 */
final class Trailers {
  static final String CO_AUTHORED_BY = "Co-authored-by";

  private static final String SCISSORS = "# ------------------------ >8 ------------------------\n";
  private static final String[] GIT_GENERATED = {"Signed-off-by: ", "(cherry picked from commit "};

  private Trailers() {}

  /** Returns the trailers of {@code message}, in order, or an empty list. */
  static List<Trailer> parse(String message) {
    // Every trailer has its colon, after a blank line, so after the first line break; most
    // messages have no colon there (two thirds have none at all): one cheap scan for it.
    if (message.indexOf(':', message.indexOf('\n') + 1) < 0) {
      return List.of();
    }
    int subject = afterBlankLines(message);
    if (subject > 0) {
      // git reads trailers from the subject on (pretty.c's subject_off), past leading blank lines
      return parse(message.substring(subject));
    }
    int end = endOfMessage(message);
    int start = blockStart(message, end);
    if (start >= end) {
      return List.of();
    }
    // Join continuation lines to the trailer above them, as trailer_info_get does: they follow it
    // in the message, so a trailer with its continuations is one span of it. Lines that are not
    // trailers (comments among them) are passed over, and so are the continuations of those.
    List<Trailer> trailers = new ArrayList<>(4);
    for (int bol = start; bol < end; ) {
      int next = Math.min(nextLine(message, bol), end);
      int sep = separator(message, bol);
      if (sep >= 1) {
        while (next < end && isSpace(message.charAt(next))) {
          next = Math.min(nextLine(message, next), end);
        }
        String token = trim(message, bol, bol + sep);
        trailers.add(new Trailer(token, unfold(trim(message, bol + sep + 1, next))));
      }
      bol = next;
    }
    return List.copyOf(trailers);
  }

  /** Where the message ends once git's ignorable tail is cut off ({@code ignore_non_trailer}). */
  private static int endOfMessage(String s) {
    // The cut-off is the first scissors line, else the end: found in the same pass over the lines.
    int cutoff = s.length();
    int boc = 0; // 0 means none, as in git
    boolean inConflicts = false;
    for (int bol = 0; bol < cutoff; ) {
      char c = s.charAt(bol);
      if (c == '#' && s.startsWith(SCISSORS, bol)) {
        cutoff = bol;
        break;
      }
      int next = nextLine(s, bol);
      if (c == '#' || c == '\n') {
        if (boc == 0) {
          boc = bol;
        }
      } else if (s.startsWith("Conflicts:\n", bol)) {
        inConflicts = true;
        if (boc == 0) {
          boc = bol;
        }
      } else if (inConflicts && c == '\t') {
        // a path of the conflicts block
      } else if (boc != 0) {
        boc = 0;
        inConflicts = false;
      }
      bol = next;
    }
    return boc != 0 ? boc : cutoff;
  }

  /** Where the trailer block of {@code s[0, len)} starts, or {@code len} if it has none. */
  private static int blockStart(String s, int len) {
    int endOfTitle = 0;
    while (endOfTitle < len) {
      if (s.charAt(endOfTitle) != '#' && isBlankLine(s, endOfTitle)) {
        break;
      }
      endOfTitle = nextLine(s, endOfTitle);
    }
    boolean onlySpaces = true;
    boolean recognizedPrefix = false;
    int trailerLines = 0;
    int nonTrailerLines = 0;
    int possibleContinuations = 0;
    outer:
    for (int l = lastLine(s, len); l >= endOfTitle; l = lastLine(s, l)) {
      if (s.startsWith("#", l)) {
        nonTrailerLines += possibleContinuations;
        possibleContinuations = 0;
        continue;
      }
      if (isBlankLine(s, l)) {
        if (onlySpaces) {
          continue;
        }
        nonTrailerLines += possibleContinuations;
        if ((recognizedPrefix && trailerLines * 3 >= nonTrailerLines)
            || (trailerLines > 0 && nonTrailerLines == 0)) {
          return nextLine(s, l);
        }
        return len;
      }
      onlySpaces = false;
      for (String prefix : GIT_GENERATED) {
        if (s.startsWith(prefix, l)) {
          trailerLines++;
          possibleContinuations = 0;
          recognizedPrefix = true;
          continue outer;
        }
      }
      if (separator(s, l) >= 1 && !isSpace(s.charAt(l))) {
        trailerLines++;
        possibleContinuations = 0;
      } else if (isSpace(s.charAt(l))) {
        possibleContinuations++;
      } else {
        nonTrailerLines += 1 + possibleContinuations;
        possibleContinuations = 0;
      }
    }
    return len;
  }

  /** Where the line before the one ending at {@code len} starts; -1 before the first. */
  private static int lastLine(String s, int len) {
    if (len == 0) {
      return -1;
    }
    if (len == 1) {
      return 0;
    }
    int nl = s.lastIndexOf('\n', len - 2);
    return nl + 1;
  }

  /** Where the line after the one at {@code bol} starts (the end of {@code s} at the last). */
  static int nextLine(String s, int bol) {
    int nl = s.indexOf('\n', bol);
    return nl < 0 ? s.length() : nl + 1;
  }

  /** Where the first line that is not blank starts ({@code skip_blank_lines} of pretty.c). */
  private static int afterBlankLines(String s) {
    int bol = 0;
    while (bol < s.length() && isBlankLine(s, bol)) {
      bol = nextLine(s, bol);
    }
    return bol;
  }

  /** Whether the line at {@code bol} holds only whitespace, as git's {@code is_blank_line}. */
  static boolean isBlankLine(String s, int bol) {
    int i = bol;
    while (i < s.length() && s.charAt(i) != '\n' && isSpace(s.charAt(i))) {
      i++;
    }
    return i >= s.length() || s.charAt(i) == '\n';
  }

  /**
   * Returns where the colon of a trailer line starting at {@code from} is, -1 if none: a token of
   * letters, digits and hyphens, then blanks only, then the colon ({@code find_separator}).
   */
  private static int separator(CharSequence s, int from) {
    boolean whitespace = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i - from;
      }
      if (!whitespace && (isAsciiAlnum(c) || c == '-')) {
        continue;
      }
      if (i != from && (c == ' ' || c == '\t')) {
        whitespace = true;
        continue;
      }
      break;
    }
    return -1;
  }

  /** Joins a folded value: each line break and the whitespace after it become one space. */
  private static String unfold(String value) {
    if (value.indexOf('\n') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); ) {
      char c = value.charAt(i++);
      if (c == '\n') {
        while (i < value.length() && isSpace(value.charAt(i))) {
          i++;
        }
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return trim(out.toString());
  }

  /** Trims git's whitespace (space, tab, line feed, carriage return) from both ends. */
  static String trim(String s) {
    return trim(s, 0, s.length());
  }

  /** Returns {@code s[start, end)} trimmed of git's whitespace at both ends. */
  private static String trim(String s, int start, int end) {
    int from = start;
    int to = end;
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** Git's {@code isspace}: space, tab, line feed, carriage return. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Returns the co-authors named by {@code Co-authored-by} trailers that hold a name and email. */
  static List<Identity> coAuthors(List<Trailer> trailers) {
    if (trailers.isEmpty()) {
      // Most messages have no trailer: no list to make, copy or walk (C1 allocates each).
      return List.of();
    }
    List<Identity> out = new ArrayList<>(1);
    for (Trailer t : trailers) {
      if (t.is(CO_AUTHORED_BY)) {
        Identity id = parseIdentity(t.value());
        if (id != null) {
          out.add(id);
        }
      }
    }
    return List.copyOf(out);
  }

  /** Parses {@code Name <email>}; returns null when there is no bracketed, non-blank email. */
  static @org.jspecify.annotations.Nullable Identity parseIdentity(String value) {
    String v = value.strip();
    int lt = v.lastIndexOf('<');
    if (lt < 0 || !v.endsWith(">")) {
      return null;
    }
    String email = v.substring(lt + 1, v.length() - 1).strip();
    if (email.isEmpty() || email.indexOf('<') >= 0 || email.indexOf('>') >= 0) {
      return null;
    }
    String name = collapseWhitespace(v.substring(0, lt).strip(), false);
    return new Identity(name, email);
  }

  /**
   * Replaces each run of the characters regular expressions call {@code \\s} ({@code [
   * \t\n\x0B\f\r]}) with one space, when the run holds a line feed ({@code newlinesOnly}) or
   * always: what {@code replaceAll("\\s*\\r?\\n\\s*", " ")} and {@code replaceAll("\\s+", " ")} do,
   * without a regular expression.
   */
  static String collapseWhitespace(String s, boolean newlinesOnly) {
    int n = s.length();
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < n; ) {
      if (!isRegexSpace(s.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = i;
      boolean newline = false;
      while (runEnd < n && isRegexSpace(s.charAt(runEnd))) {
        newline |= s.charAt(runEnd) == '\n';
        runEnd++;
      }
      boolean single = runEnd - i == 1 && s.charAt(i) == ' ';
      if ((newline || !newlinesOnly) && !single) {
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(s, copied, i).append(' ');
        copied = runEnd;
      }
      i = runEnd;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }
}
