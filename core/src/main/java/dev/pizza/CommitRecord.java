package dev.pizza;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One git commit as a sink receives it. Immutable.
 *
 * <p>Records are made by {@link #of}, which reads the trailers and co-authors out of the message;
 * the canonical constructor takes them as given (for sinks that load stored records).
 *
 * <p>Identities are kept as written in the commit ({@code author}, {@code committer}, {@code
 * coAuthors}) and, beside them, as a {@link Mailmap} maps them ({@code mappedAuthor}, {@code
 * mappedCommitter}, {@code mappedCoAuthors}): what {@code git log --use-mailmap} shows. A bake maps
 * them through the repository's {@code .mailmap} and the oven's own (see {@link
 * PizzaOven.Builder#mailmap}); where no line applies, a mapped identity equals the written one.
 * Count people by the mapped identities.
 *
 * @param id the commit's id
 * @param parents the parents' ids in the commit's order; empty for a root, two or more for a merge
 * @param author who wrote the change, and when
 * @param committer who made the commit, and when
 * @param message the full commit message, as recorded (encoding decoded to text) and as {@code git
 *     log} prints it: up to a NUL byte, if the object holds one
 * @param trailers the message's trailer block, in order (see {@code git interpret-trailers})
 * @param coAuthors the people named by well-formed {@code Co-authored-by} trailers, in order
 * @param mappedAuthor the author's identity through the mailmap
 * @param mappedCommitter the committer's identity through the mailmap
 * @param mappedCoAuthors the co-authors' identities through the mailmap, in the same order
 * @param files the paths the commit changed against its first parent (a root commit: against the
 *     empty tree), with line counts, in git's order (by path); empty for a merge unless the bake
 *     was asked for merges' changes; null when the bake did not compute them (see {@link
 *     #hasLineStats()})
 */
public record CommitRecord(
    CommitId id,
    List<CommitId> parents,
    Signature author,
    Signature committer,
    String message,
    List<Trailer> trailers,
    List<Identity> coAuthors,
    Identity mappedAuthor,
    Identity mappedCommitter,
    List<Identity> mappedCoAuthors,
    @Nullable List<FileChange> files) {

  /**
   * Makes the lists immutable copies.
   *
   * @throws IllegalArgumentException if {@code mappedCoAuthors} and {@code coAuthors} differ in
   *     size
   */
  public CommitRecord {
    parents = List.copyOf(parents);
    trailers = List.copyOf(trailers);
    coAuthors = List.copyOf(coAuthors);
    mappedCoAuthors = List.copyOf(mappedCoAuthors);
    if (mappedCoAuthors.size() != coAuthors.size()) {
      throw new IllegalArgumentException(
          coAuthors.size() + " co-authors but " + mappedCoAuthors.size() + " mapped ones");
    }
    files = files == null ? null : List.copyOf(files);
  }

  /**
   * A record whose mapped identities are the written ones (no mailmap applied) and without file
   * changes ({@link #files()} null), as a metadata-only bake makes it before the mailmap.
   */
  public CommitRecord(
      CommitId id,
      List<CommitId> parents,
      Signature author,
      Signature committer,
      String message,
      List<Trailer> trailers,
      List<Identity> coAuthors) {
    this(
        id,
        parents,
        author,
        committer,
        message,
        trailers,
        coAuthors,
        author.identity(),
        committer.identity(),
        coAuthors,
        null);
  }

  /**
   * Returns this record with its written identities mapped through {@code mailmap}: this record
   * itself when the mapped identities would not change.
   */
  public CommitRecord mapped(Mailmap mailmap) {
    Identity a = mailmap.map(author.identity());
    Identity c = mailmap.map(committer.identity());
    List<Identity> co =
        coAuthors.isEmpty() ? coAuthors : coAuthors.stream().map(mailmap::map).toList();
    if (a.equals(mappedAuthor) && c.equals(mappedCommitter) && co.equals(mappedCoAuthors)) {
      return this;
    }
    return new CommitRecord(
        id, parents, author, committer, message, trailers, coAuthors, a, c, co, files);
  }

  /** Returns whether the mailmap changed any identity of this commit. */
  public boolean isMapped() {
    return !mappedAuthor.equals(author.identity())
        || !mappedCommitter.equals(committer.identity())
        || !mappedCoAuthors.equals(coAuthors);
  }

  /** Returns this record with {@code files} as its file changes (null: none computed). */
  public CommitRecord withFiles(@Nullable List<FileChange> files) {
    return new CommitRecord(
        id,
        parents,
        author,
        committer,
        message,
        trailers,
        coAuthors,
        mappedAuthor,
        mappedCommitter,
        mappedCoAuthors,
        files);
  }

  /** Returns whether the bake computed this commit's file changes ({@link #files()} not null). */
  public boolean hasLineStats() {
    return files != null;
  }

  /** Returns the lines added over all files; 0 when {@link #hasLineStats()} is false. */
  public long linesAdded() {
    long n = 0;
    if (files != null) {
      for (FileChange f : files) {
        n += f.added();
      }
    }
    return n;
  }

  /** Returns the lines removed over all files; 0 when {@link #hasLineStats()} is false. */
  public long linesRemoved() {
    long n = 0;
    if (files != null) {
      for (FileChange f : files) {
        n += f.removed();
      }
    }
    return n;
  }

  /** Returns a record whose trailers and co-authors are parsed from {@code message}. */
  public static CommitRecord of(
      CommitId id, List<CommitId> parents, Signature author, Signature committer, String message) {
    List<Trailer> trailers = Trailers.parse(message);
    return new CommitRecord(
        id, parents, author, committer, message, trailers, Trailers.coAuthors(trailers));
  }

  /**
   * Returns the subject as git's {@code %s} shows it: leading blank lines skipped, then the lines
   * up to the first blank one (a line of whitespace only, CRLF included, is blank), each with its
   * trailing whitespace cut, joined by one space. Leading whitespace of a line is kept, as in git.
   */
  public String subject() {
    // Called for every record a sink writes: a substring for the usual one-line subject.
    String m = message;
    int p = 0;
    while (p < m.length() && Trailers.isBlankLine(m, p)) {
      p = Trailers.nextLine(m, p);
    }
    String first = "";
    StringBuilder more = null;
    while (p < m.length()) {
      int next = Trailers.nextLine(m, p);
      int end = next;
      while (end > p && Trailers.isSpace(m.charAt(end - 1))) {
        end--;
      }
      if (end == p) {
        break;
      }
      if (first.isEmpty()) {
        first = m.substring(p, end);
      } else {
        if (more == null) {
          more = new StringBuilder(first);
        }
        more.append(' ').append(m, p, end);
      }
      p = next;
    }
    return more == null ? first : more.toString();
  }

  /** Returns whether this commit is a merge: it has two or more parents. */
  public boolean isMerge() {
    return parents.size() > 1;
  }

  /** Returns the trailers grouped by key (as first written), values in order. */
  public Map<String, List<String>> trailersByKey() {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (Trailer t : trailers) {
      // A loop, not a stream: the JSON writer asks every commit with trailers, and under C1 each
      // stream is a pipeline of objects and lambdas made per trailer.
      String key = t.key();
      for (String k : byKey.keySet()) {
        if (t.is(k)) {
          key = k;
          break;
        }
      }
      byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(t.value());
    }
    byKey.replaceAll((k, v) -> List.copyOf(v));
    return java.util.Collections.unmodifiableMap(byKey);
  }
}
