package dev.pizza;

import java.util.List;

/**
 * How much of the heap a batch of records takes, as far as a history can make it large: a bake
 * hands a batch to its sink before {@code batchSize} records once their weight reaches {@link
 * #BATCH_CHARS}, so a history of large messages or of commits that change many files keeps a few of
 * them in memory at once, not a thousand.
 */
final class BatchWeight {
  /**
   * A batch of new records goes to the sink before {@code batchSize} once its records' text ({@link
   * #of}) reaches this many chars: a sink holds a few batches at once (the SQL sink's writer queues
   * three), so 1,000 commits of 1 MB messages made a gigabyte where {@code git log} needs one
   * commit's. A real history's batch is under a tenth of this (rails' commits: under 1 KB).
   */
  static final long BATCH_CHARS = 4L << 20;

  /** What a file change weighs beyond its paths' chars, in {@link #of}: about its bytes. */
  private static final int FILE_WEIGHT = 48;

  /**
   * The chars of a record's text that can be any size: its message (its trailers and co-authors are
   * read from it), the names and emails of its author and committer, and its file changes' paths,
   * each counted with {@link #FILE_WEIGHT} more for the change itself (a commit may change a
   * hundred thousand files, as a vendored import does).
   */
  static long of(CommitRecord r) {
    Identity a = r.author().identity();
    Identity c = r.committer().identity();
    long chars =
        (long) r.message().length()
            + a.name().length()
            + a.email().length()
            + c.name().length()
            + c.email().length();
    List<FileChange> files = r.files();
    if (files != null) {
      for (int i = 0; i < files.size(); i++) {
        FileChange f = files.get(i);
        String old = f.oldPath();
        chars += FILE_WEIGHT + f.path().length() + (old == null ? 0 : old.length());
      }
    }
    return chars;
  }

  private BatchWeight() {}
}
