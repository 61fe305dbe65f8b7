package dev.pizza;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the trailer block of a commit message the way {@code git interpret-trailers} finds it.
 *
 * <p>The block is the last paragraph of the message (after the last blank line), and only when it
 * follows some other text. It counts as trailers when every line in it is a trailer, or when at
 * least a quarter of its lines are trailers and one of them is git-generated ({@code
 * Signed-off-by:} or {@code (cherry picked from commit ...)}). A trailer line is a token of
 * letters, digits and hyphens, optional spaces, a colon, and a value; a line starting with
 * whitespace continues the value above it. Lines of the block that are not trailers are left in the
 * message and not reported.
 */
final class Trailers {
  static final String CO_AUTHORED_BY = "Co-authored-by";

  private Trailers() {}

  /** Returns the trailers of {@code message}, in order, or an empty list. */
  static List<Trailer> parse(String message) {
    String[] lines = lastParagraph(message);
    if (lines.length == 0) {
      return List.of();
    }
    List<Trailer> trailers = new ArrayList<>();
    int trailerLines = 0;
    int otherLines = 0;
    boolean gitGenerated = false;
    int current = -1;
    for (String line : lines) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current >= 0) {
        Trailer t = trailers.get(current);
        trailers.set(current, new Trailer(t.key(), (t.value() + " " + line.strip()).strip()));
        continue;
      }
      if (line.startsWith("(cherry picked from commit ")) {
        gitGenerated = true;
        trailerLines++;
        current = -1;
        continue;
      }
      Trailer t = parseLine(line);
      if (t == null) {
        otherLines++;
        current = -1;
      } else {
        trailers.add(t);
        trailerLines++;
        current = trailers.size() - 1;
        gitGenerated |= t.is("Signed-off-by");
      }
    }
    boolean all = otherLines == 0;
    boolean enough = gitGenerated && trailerLines * 3 >= otherLines;
    return (all || enough) ? List.copyOf(trailers) : List.of();
  }

  /** Returns the co-authors named by {@code Co-authored-by} trailers that hold a name and email. */
  static List<Identity> coAuthors(List<Trailer> trailers) {
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

  private static @org.jspecify.annotations.Nullable Trailer parseLine(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && isTokenChar(line.charAt(i))) {
      i++;
    }
    if (i == 0 || line.charAt(0) == '-') {
      return null;
    }
    int tokenEnd = i;
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    if (i >= n || line.charAt(i) != ':') {
      return null;
    }
    return new Trailer(line.substring(0, tokenEnd), line.substring(i + 1).strip());
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  /**
   * Returns the lines after the last blank line, when some text (the subject) comes before. Scans
   * back from the end, so a long message costs its last paragraph, not a split of every line.
   */
  static String[] lastParagraph(String message) {
    String s = message.replace("\r\n", "\n").stripTrailing();
    int lineEnd = s.length();
    while (true) {
      int newline = lineEnd == 0 ? -1 : s.lastIndexOf('\n', lineEnd - 1);
      int lineStart = newline + 1;
      if (isBlank(s, lineStart, lineEnd)) {
        boolean textBefore = !isBlank(s, 0, lineStart);
        if (!textBefore || lineEnd >= s.length()) {
          return new String[0];
        }
        return s.substring(lineEnd + 1).split("\n", -1);
      }
      if (newline < 0) {
        return new String[0];
      }
      lineEnd = newline;
    }
  }

  /** Whether {@code s[from, to)} is all whitespace, as {@link String#isBlank} decides. */
  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
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
