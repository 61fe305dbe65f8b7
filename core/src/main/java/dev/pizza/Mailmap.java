package dev.pizza;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mailmap: the canonical names and emails of people who committed under several identities, as
 * git reads a {@code .mailmap} file (see {@code gitmailmap(5)}). Immutable and thread safe.
 *
 * <p>Each line maps a commit's identity to a proper one, in one of four forms:
 *
 * <pre>
 * Proper Name &lt;commit@email&gt;                              # the name only
 * &lt;proper@email&gt; &lt;commit@email&gt;                           # the email only
 * Proper Name &lt;proper@email&gt; &lt;commit@email&gt;               # both
 * Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;   # both, for that name and email only
 * </pre>
 *
 * <p>The rules are those of git's {@code mailmap.c} (what {@code git check-mailmap} and {@code git
 * log --use-mailmap} apply):
 *
 * <ul>
 *   <li>Lines are split at {@code \n}; a line whose first character is {@code #} is a comment. A
 *       line without a non-empty {@code <email>} is ignored; after the second {@code <email>}
 *       (which may be empty: {@code <>} maps commits without email) the rest of a line is ignored,
 *       and a line whose second part is not an {@code <email>} is read as its first part alone.
 *   <li>Names are trimmed of spaces, tabs, CR and LF; emails are taken as written between the
 *       brackets.
 *   <li>The commit email, and the commit name of the fourth form, are compared ignoring ASCII case;
 *       the proper name and email are given as written.
 *   <li>An identity whose email and name match a line of the fourth form takes that line's proper
 *       name and email (a part the line leaves out stays as in the commit); else one whose email
 *       matches lines of the first three forms takes their proper name and email.
 *   <li>Later lines win: lines of the first three forms for one commit email combine (a later name
 *       replaces an earlier name, a later email an earlier email); a later line of the fourth form
 *       for the same name and email replaces an earlier one whole.
 * </ul>
 *
 * <p>One difference: git reads a mailmap <em>file</em> in chunks of 1023 bytes, so it splits a
 * longer line in two; this class reads every line whole (as git reads a mailmap blob).
 */
public final class Mailmap {

  /** The mailmap without lines: maps every identity to itself. */
  public static final Mailmap EMPTY = new Mailmap(List.of());

  private final List<Line> lines;
  private final Map<String, Entry> byEmail;

  private Mailmap(List<Line> lines) {
    this.lines = List.copyOf(lines);
    this.byEmail = new HashMap<>();
    for (Line l : this.lines) {
      add(l);
    }
  }

  /**
   * Parses mailmap text. Never fails: lines that are not mappings are ignored, as git ignores them.
   */
  public static Mailmap parse(String text) {
    List<Line> lines = new ArrayList<>();
    int p = 0;
    while (p < text.length()) {
      int nl = text.indexOf('\n', p);
      int end = nl < 0 ? text.length() : nl;
      Line line = Line.parse(text.substring(p, end));
      if (line != null) {
        lines.add(line);
      }
      p = end + 1;
    }
    return lines.isEmpty() ? EMPTY : new Mailmap(lines);
  }

  /**
   * Returns the mailmap of this one's lines followed by {@code later}'s, as git reads two mailmap
   * sources one after the other (the repository's {@code .mailmap}, then {@code mailmap.file}):
   * where they disagree, {@code later} wins.
   */
  public Mailmap followedBy(Mailmap later) {
    if (later.lines.isEmpty()) {
      return this;
    }
    if (lines.isEmpty()) {
      return later;
    }
    List<Line> all = new ArrayList<>(lines);
    all.addAll(later.lines);
    return new Mailmap(all);
  }

  /** Returns whether this mailmap has no lines, so that it maps every identity to itself. */
  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /**
   * Returns the proper identity of {@code written}: {@code written} itself (the same instance) when
   * no line applies.
   */
  public Identity map(Identity written) {
    if (byEmail.isEmpty()) {
      return written;
    }
    Entry e = byEmail.get(asciiLower(written.email()));
    if (e == null) {
      return written;
    }
    @Nullable String name = e.name;
    @Nullable String email = e.email;
    Proper exact = e.byName.isEmpty() ? null : e.byName.get(asciiLower(written.name()));
    if (exact != null) {
      name = exact.name();
      email = exact.email();
    }
    if (name == null && email == null) {
      return written;
    }
    Identity proper =
        new Identity(name == null ? written.name() : name, email == null ? written.email() : email);
    return proper.equals(written) ? written : proper;
  }

  /** Adds one line as git's {@code add_mapping} does. */
  private void add(Line l) {
    String commitEmail = l.commitEmail();
    String commitName = l.commitName();
    String properName = l.properName();
    String oldEmail = commitEmail == null ? l.properEmail() : commitEmail;
    String newEmail = commitEmail == null ? null : l.properEmail();
    Entry e = byEmail.computeIfAbsent(asciiLower(oldEmail), k -> new Entry());
    if (commitName == null) {
      if (properName != null) {
        e.name = properName;
      }
      if (newEmail != null) {
        e.email = newEmail;
      }
    } else {
      e.byName.put(asciiLower(commitName), new Proper(properName, newEmail));
    }
  }

  /** Lower-cases ASCII letters only, as C's {@code strcasecmp} compares. */
  static String asciiLower(String s) {
    int i = 0;
    while (i < s.length() && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    char[] c = s.toCharArray();
    for (; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + ('a' - 'A'));
      }
    }
    return new String(c);
  }

  /** Two mailmaps are equal when they have the same lines in the same order. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Mailmap m && m.lines.equals(lines);
  }

  @Override
  public int hashCode() {
    return lines.hashCode();
  }

  /** Returns the number of mapping lines, for logs. */
  @Override
  public String toString() {
    return "Mailmap[" + lines.size() + " lines]";
  }

  /** The proper identity of one commit email: the simple mapping and the per-name ones. */
  private static final class Entry {
    @Nullable String name;
    @Nullable String email;
    final Map<String, Proper> byName = new HashMap<>();
  }

  /** The proper name and email of a line of the fourth form; either may be absent. */
  private record Proper(@Nullable String name, @Nullable String email) {}

  /**
   * One mapping line as written: its first part ({@code properName <properEmail>}) and its optional
   * second part ({@code commitName <commitEmail>}).
   */
  private record Line(
      @Nullable String properName,
      String properEmail,
      @Nullable String commitName,
      @Nullable String commitEmail) {

    /** Parses a line as git's {@code read_mailmap_line}; null for comments and non-mappings. */
    static @Nullable Line parse(String s) {
      if (s.startsWith("#")) {
        return null;
      }
      Part first = Part.parse(s, 0, false);
      if (first == null) {
        return null;
      }
      Part second = first.end() < s.length() ? Part.parse(s, first.end(), true) : null;
      return second == null
          ? new Line(first.name(), first.email(), null, null)
          : new Line(first.name(), first.email(), second.name(), second.email());
    }
  }

  /** {@code Name <email>} read from a line: git's {@code parse_name_and_email}. */
  private record Part(@Nullable String name, String email, int end) {

    static @Nullable Part parse(String s, int from, boolean allowEmptyEmail) {
      int left = s.indexOf('<', from);
      if (left < 0) {
        return null;
      }
      int right = s.indexOf('>', left + 1);
      if (right < 0 || (!allowEmptyEmail && right == left + 1)) {
        return null;
      }
      int start = from;
      while (start < left && isSpace(s.charAt(start))) {
        start++;
      }
      int end = left;
      while (end > start && isSpace(s.charAt(end - 1))) {
        end--;
      }
      String name = start < end ? s.substring(start, end) : null;
      return new Part(name, s.substring(left + 1, right), right + 1);
    }

    /** Git's {@code isspace}: space, tab, LF and CR only. */
    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
  }
}
