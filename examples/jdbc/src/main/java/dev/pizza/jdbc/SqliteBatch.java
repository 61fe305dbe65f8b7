package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A batch made ready for {@link SqliteCommitWriter} on the thread that delivered it (the bake's),
 * while the writer thread, which sets the pace of a SQLite bake, stores the previous one: the
 * records in the order of their ids ({@link CommitWriter#inIdOrder}), and per record what the
 * writer binds that takes more than a field read (the parents' ids as text, the subject, the
 * identities a mailmap changed), and the batch's author emails, sorted.
 */
final class SqliteBatch implements CommitWriter.Batch {
  private final List<CommitRecord> records;
  private final String[] parents;
  private final String[] subjects;
  private final @Nullable Identity[] mappedAuthors;
  private final @Nullable Identity[] mappedCommitters;
  private final List<String> authorEmails;

  SqliteBatch(List<CommitRecord> delivered) {
    records = CommitWriter.inIdOrder(delivered);
    int n = records.size();
    parents = new String[n];
    subjects = new String[n];
    mappedAuthors = new Identity[n];
    mappedCommitters = new Identity[n];
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < n; i++) {
      derive(i, emails);
    }
    List<String> sorted = new ArrayList<>(emails);
    Collections.sort(sorted);
    authorEmails = sorted;
  }

  /**
   * Derives what record {@code i} binds and adds its author's email to {@code emails}. One call per
   * record rather than the loop's body, which runs once per batch: the JIT compiles a method after
   * a few hundred calls, a loop only after 60,000 iterations (more than half of a 100k-commit
   * bake).
   */
  private void derive(int i, Set<String> emails) {
    CommitRecord r = records.get(i);
    parents[i] = CommitWriter.parents(r);
    subjects[i] = r.subject();
    mappedAuthors[i] = CommitWriter.changed(r.author().identity(), r.mappedAuthor());
    mappedCommitters[i] = CommitWriter.changed(r.committer().identity(), r.mappedCommitter());
    emails.add(r.author().email());
  }

  /** Returns the records in the order of their ids. */
  @Override
  public List<CommitRecord> records() {
    return records;
  }

  /** Returns the parents' ids of record {@code i} as {@link CommitWriter#parents} gives them. */
  String parents(int i) {
    return parents[i];
  }

  /** Returns the subject of record {@code i}. */
  String subject(int i) {
    return subjects[i];
  }

  /** Returns the author of record {@code i} as the mailmap changed it, null if it did not. */
  @Nullable Identity mappedAuthor(int i) {
    return mappedAuthors[i];
  }

  /** Returns the committer of record {@code i} as the mailmap changed it, null if it did not. */
  @Nullable Identity mappedCommitter(int i) {
    return mappedCommitters[i];
  }

  /** Returns the distinct author emails of the batch, sorted. */
  List<String> authorEmails() {
    return authorEmails;
  }
}
