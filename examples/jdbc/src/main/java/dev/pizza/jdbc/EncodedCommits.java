package dev.pizza.jdbc;

import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import dev.pizza.Trailer;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyManager;

/**
 * A batch of commits as PostgreSQL's {@code COPY} rows ({@link BinaryCopy}): those of {@code
 * commits}, {@code commit_trailers} and {@code commit_co_authors}, in commit-id order ({@link
 * CommitWriter#inIdOrder}), encoded on the thread that delivered the batch (the bake's) while the
 * writer thread stores the previous one. Only the writer knows a batch's row ids and the
 * repository's id (it reserves the ones and looks up the other on the bake's connection): each
 * row's {@code commit_seq} and {@code repo_id} are left as slots that {@link #number} fills in.
 */
final class EncodedCommits implements CommitWriter.Batch {
  /** The columns of each table's rows, in order. */
  static final String COMMIT_COLUMNS =
      "seq, repo_id, commit_id, parent_ids, author_name, author_email, author_time, author_offset,"
          + " committer_name, committer_email, committer_time, committer_offset, subject, message,"
          + " is_merge, mapped_author_name, mapped_author_email, mapped_committer_name,"
          + " mapped_committer_email";

  private static final String TRAILER_COLUMNS =
      "commit_seq, position, repo_id, trailer_key, trailer_value";
  private static final String CO_AUTHOR_COLUMNS =
      "commit_seq, position, repo_id, name, email, mapped_name, mapped_email";

  /** How many columns each of the lists above names. */
  private static final int COMMIT_FIELDS = 19;

  private static final int TRAILER_FIELDS = 5;
  private static final int CO_AUTHOR_FIELDS = 7;

  private final List<CommitRecord> records;
  private final BinaryCopy commits;
  private final BinaryCopy trailers = new BinaryCopy(4096);
  private final BinaryCopy coAuthors = new BinaryCopy(1024);
  private final Slots commitSlots = new Slots();
  private final Slots trailerSlots = new Slots();
  private final Slots coAuthorSlots = new Slots();

  /** Encodes {@code batch} in commit-id order. */
  EncodedCommits(List<CommitRecord> batch) {
    records = CommitWriter.inIdOrder(batch);
    commits = new BinaryCopy(records.size() * 640);
    for (int k = 0; k < records.size(); k++) {
      CommitRecord r = records.get(k);
      commits.row(COMMIT_FIELDS);
      commitSlots.add(k, commits.int8Slot(), commits.int8Slot());
      commits.text(r.id().hex()).text(CommitWriter.parents(r));
      signature(commits, r.author());
      signature(commits, r.committer());
      commits.text(r.subject()).text(r.message()).bool(r.isMerge());
      mapped(commits, CommitWriter.changed(r.author().identity(), r.mappedAuthor()));
      mapped(commits, CommitWriter.changed(r.committer().identity(), r.mappedCommitter()));
      List<Trailer> ts = r.trailers();
      for (int i = 0; i < ts.size(); i++) {
        trailers.row(TRAILER_FIELDS);
        int seq = trailers.int8Slot();
        trailers.int4(i);
        trailerSlots.add(k, seq, trailers.int8Slot());
        trailers.text(ts.get(i).key()).text(ts.get(i).value());
      }
      List<Identity> cs = r.coAuthors();
      for (int i = 0; i < cs.size(); i++) {
        coAuthors.row(CO_AUTHOR_FIELDS);
        int seq = coAuthors.int8Slot();
        coAuthors.int4(i);
        coAuthorSlots.add(k, seq, coAuthors.int8Slot());
        coAuthors.text(cs.get(i).name()).text(cs.get(i).email());
        mapped(coAuthors, CommitWriter.changed(cs.get(i), r.mappedCoAuthors().get(i)));
      }
    }
  }

  /** Returns the batch's records in the order of its rows (commit-id order). */
  @Override
  public List<CommitRecord> records() {
    return records;
  }

  /**
   * Gives the rows of the {@code k}-th record ({@link #records()}) the row id {@code seqs[k]}, and
   * every row {@code repoId}.
   */
  void number(long repoId, long[] seqs) {
    commitSlots.fill(commits, repoId, seqs);
    trailerSlots.fill(trailers, repoId, seqs);
    coAuthorSlots.fill(coAuthors, repoId, seqs);
  }

  /** Copies the commits' rows into {@code target}, {@code commits} or a table of its columns. */
  void copyCommits(CopyManager copy, String target) throws SQLException {
    commits.copyInto(copy, target + " (" + COMMIT_COLUMNS + ")");
  }

  /** Copies the trailers' and co-authors' rows into their tables. */
  void copyChildren(CopyManager copy) throws SQLException {
    trailers.copyInto(copy, "commit_trailers (" + TRAILER_COLUMNS + ")");
    coAuthors.copyInto(copy, "commit_co_authors (" + CO_AUTHOR_COLUMNS + ")");
  }

  private static void signature(BinaryCopy row, Signature s) {
    row.text(s.name())
        .text(s.email())
        .int8(s.instant().getEpochSecond())
        .int4(s.offset().getTotalSeconds());
  }

  /** Writes a mapped identity's two fields: NULL when unchanged. */
  private static void mapped(BinaryCopy row, @Nullable Identity changed) {
    if (changed == null) {
      row.nullField().nullField();
    } else {
      row.text(changed.name()).text(changed.email());
    }
  }

  /** Where the rows of one {@link BinaryCopy} take their row id (of which record) and repo_id. */
  private static final class Slots {
    private int[] record = new int[64];
    private int[] seqAt = new int[64];
    private int[] repoAt = new int[64];
    private int size;

    void add(int recordIndex, int seqSlot, int repoSlot) {
      if (size == record.length) {
        record = Arrays.copyOf(record, size * 2);
        seqAt = Arrays.copyOf(seqAt, size * 2);
        repoAt = Arrays.copyOf(repoAt, size * 2);
      }
      record[size] = recordIndex;
      seqAt[size] = seqSlot;
      repoAt[size] = repoSlot;
      size++;
    }

    void fill(BinaryCopy rows, long repoId, long[] seqs) {
      for (int i = 0; i < size; i++) {
        rows.setInt8(seqAt[i], seqs[record[i]]);
        rows.setInt8(repoAt[i], repoId);
      }
    }
  }
}
