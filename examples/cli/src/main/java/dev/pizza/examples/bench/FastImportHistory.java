package dev.pizza.examples.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes a deterministic synthetic history as a {@code git fast-import} stream.
 *
 * <p>Shape, all drawn from one seed: {@value #AUTHORS} authors with fixed time zones; commits
 * spread evenly over ten years from 2015, with about {@value #SKEW_PERCENT}% of them dated up to 90
 * days earlier than their neighbours (out of order); each commit changes 1 to 3 files of a tree of
 * {@value #DIRS} directories × {@value #FILES_PER_DIR} files, with inline contents that differ by a
 * few bytes from one revision to the next; every {@value #MERGE_EVERY} commits a short side branch
 * ({@code refs/heads/topic}, 1 to 4 commits forked a few commits back) is merged into {@code
 * refs/heads/main}; every {@value #RELEASE_EVERY} commits a long-lived branch {@code
 * refs/heads/release-<k>} forks from {@code main}, receives a backport in about half of the merge
 * cycles after it, and is merged back into {@code main} when the next one forks; messages are of
 * real length (a subject and, mostly, a body of 2 to 8 lines, hundreds of bytes) and end in
 * trailers ({@code Signed-off-by} on about {@value #SIGNED_OFF_PERCENT}%, {@code Reviewed-by}, and
 * {@code Co-authored-by} on about {@value #CO_AUTHOR_PERCENT}%); a lightweight tag {@code
 * refs/tags/v<k>} every {@value #TAG_EVERY} commits (hundreds of refs at 100k commits). The total
 * is exactly the number of commits asked for, all reachable from branches and tags.
 *
 * <p>The same seed and count always give the same stream, hence the same commit ids.
 */
final class FastImportHistory {
  static final int AUTHORS = 300;
  static final int DIRS = 40;
  static final int FILES_PER_DIR = 50;
  static final int MERGE_EVERY = 50;
  static final int SKEW_PERCENT = 3;
  static final int CO_AUTHOR_PERCENT = 5;
  static final int TAG_EVERY = 500;
  static final int RELEASE_EVERY = 1_000;
  static final int SIGNED_OFF_PERCENT = 40;

  private static final long START = 1_420_070_400L; // 2015-01-01T00:00:00Z
  private static final long SPAN = 10L * 365 * 24 * 3600;
  private static final String[] FIRST = {
    "Ada", "Linus", "Grace", "Ken", "Barbara", "Dennis", "Margaret", "Guido", "Frances", "James",
    "Radia", "Bjarne", "Anita", "Brian", "Hedy", "José", "Zoë", "Łukasz", "Søren", "Chloé",
    "Wei", "Yuki", "Priya", "Omar", "Fatima", "Ivan", "Nia", "Mateo", "Aroha", "Kwame"
  };
  private static final String[] LAST = {
    "Lovelace", "Torvalds", "Hopper", "Thompson", "Liskov", "Ritchie", "Hamilton", "van Rossum",
    "Allen", "Gosling", "Perlman", "Stroustrup", "Borg", "Kernighan", "Lamarr", "Müller"
  };
  private static final String[] ZONES = {
    "+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900", "-0300", "+1000", "-0700"
  };
  private static final String[] VERBS = {
    "Fix", "Add", "Refactor", "Update", "Remove", "Document", "Test", "Tune", "Rename", "Simplify"
  };
  private static final String[] WORDS = {
    "cache", "parser", "oven", "sink", "walk", "index", "config", "error", "retry", "thread",
    "buffer", "limit", "timeout", "encoding", "path", "branch", "merge", "tag", "date", "offset"
  };

  private static final String[] PATHS = new String[DIRS * FILES_PER_DIR];

  static {
    for (int d = 0; d < DIRS; d++) {
      for (int f = 0; f < FILES_PER_DIR; f++) {
        PATHS[d * FILES_PER_DIR + f] =
            String.format(java.util.Locale.ROOT, "dir%02d/file%02d.txt", d, f);
      }
    }
  }

  private final SplittableRandom random;
  private final int commits;
  private final Sink out;
  private final int[] recentMain = new int[16];
  private int mainCount;
  private int written;
  private int mark;
  private int tags;
  private int releases;
  private int releaseTip;
  private boolean backported;

  private FastImportHistory(long seed, int commits, OutputStream out) {
    this.random = new SplittableRandom(seed);
    this.commits = commits;
    this.out = new Sink(out);
  }

  /** Writes the whole history of {@code commits} commits from {@code seed} to {@code out}. */
  static void write(long seed, int commits, OutputStream out) throws IOException {
    new FastImportHistory(seed, commits, out).writeAll();
  }

  /**
   * Writes {@code count} linear commits on {@code refs/heads/main} on top of commit {@code
   * fromHex}, dated after the base history; deterministic in {@code seed} and {@code count}.
   */
  static void writeAppend(long seed, int baseCommits, int count, String fromHex, OutputStream out)
      throws IOException {
    FastImportHistory h = new FastImportHistory(seed ^ 0x5EEDL, baseCommits + count, out);
    h.written = baseCommits;
    h.out.text("feature done\n");
    for (int i = 0; i < count; i++) {
      h.commit("refs/heads/main", i == 0 ? "from " + fromHex + "\n" : "", "", h.author(), false);
    }
    h.out.text("done\n");
    h.out.flush();
  }

  private void writeAll() throws IOException {
    out.text("feature done\n");
    while (written < commits) {
      int left = commits - written;
      int sideLength = 1 + random.nextInt(4);
      boolean backport = releaseTip != 0 && random.nextBoolean();
      int cycleMain = MERGE_EVERY - sideLength - 1 - (backport ? 1 : 0);
      if (left < MERGE_EVERY || mainCount < recentMain.length) {
        mainCommit();
        continue;
      }
      for (int i = 0; i < cycleMain; i++) {
        mainCommit();
      }
      if (backport) {
        releaseTip = commit("refs/heads/release-" + releases, "", "", author(), false);
        backported = true;
      }
      int fork = recentMain[(mainCount - 1 - (1 + random.nextInt(8))) % recentMain.length];
      int author = author();
      int sideTip = 0;
      for (int i = 0; i < sideLength; i++) {
        sideTip =
            commit("refs/heads/topic", i == 0 ? "from :" + fork + "\n" : "", "", author, false);
      }
      mainCommit("merge :" + sideTip + "\n", true);
      if (written / RELEASE_EVERY > releases && written < commits) {
        release();
      }
    }
    out.text("done\n");
    out.flush();
  }

  /** Merges the current release branch back into main (if it got backports) and forks the next. */
  private void release() throws IOException {
    if (backported) {
      mainCommit("merge :" + releaseTip + "\n", true);
    }
    releases++;
    releaseTip = recentMain[(mainCount - 1) % recentMain.length];
    backported = false;
    out.text("reset refs/heads/release-" + releases + "\nfrom :" + releaseTip + "\n\n");
  }

  private void mainCommit() throws IOException {
    mainCommit("", false);
  }

  private void mainCommit(String merge, boolean isMerge) throws IOException {
    int m = commit("refs/heads/main", "", merge, isMerge ? random.nextInt(10) : author(), isMerge);
    recentMain[mainCount % recentMain.length] = m;
    mainCount++;
    if (written / TAG_EVERY > tags) {
      tags++;
      out.text("reset refs/tags/v" + tags + "\nfrom :" + m + "\n\n");
    }
  }

  private int author() {
    return random.nextInt(AUTHORS);
  }

  /** Writes one commit; returns its mark. */
  private int commit(String ref, String from, String merge, int author, boolean isMerge)
      throws IOException {
    int index = written++;
    int m = ++mark;
    long when = START + (long) index * SPAN / commits + random.nextInt(3600);
    if (random.nextInt(100) < SKEW_PERCENT) {
      when -= 3600L * 24 * (1 + random.nextInt(90));
    }
    long committed = when + random.nextInt(isMerge ? 86_400 : 600);
    int committer = random.nextInt(10) == 0 ? random.nextInt(10) : author;
    String path = path(random.nextInt(DIRS), random.nextInt(FILES_PER_DIR));
    out.text("commit " + ref + "\nmark :" + m + "\n");
    out.text("author " + person(author) + " " + when + " " + zone(author) + "\n");
    out.text("committer " + person(committer) + " " + committed + " " + zone(committer) + "\n");
    out.data(message(index, path, isMerge));
    out.text(from);
    out.text(merge);
    int files = 1 + random.nextInt(3);
    for (int f = 0; f < files; f++) {
      String p = f == 0 ? path : path(random.nextInt(DIRS), random.nextInt(FILES_PER_DIR));
      out.text("M 100644 inline " + p + "\n");
      out.data(
          "// " + p + "\nrevision " + index + "\n" + Long.toHexString(random.nextLong()) + "\n");
    }
    out.text("\n");
    return m;
  }

  private String message(int index, String path, boolean isMerge) {
    StringBuilder m = new StringBuilder(160);
    if (isMerge) {
      m.append("Merge branch 'topic' (#").append(index).append(")\n");
    } else {
      m.append(VERBS[random.nextInt(VERBS.length)])
          .append(' ')
          .append(path)
          .append(' ')
          .append(WORDS[random.nextInt(WORDS.length)])
          .append(" (#")
          .append(index)
          .append(")\n");
    }
    if (random.nextInt(100) < 85) {
      m.append('\n');
      int lines = 2 + random.nextInt(7);
      for (int l = 0; l < lines; l++) {
        int words = 8 + random.nextInt(5);
        for (int w = 0; w < words; w++) {
          m.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        m.append(".\n");
      }
    }
    boolean signed = random.nextInt(100) < SIGNED_OFF_PERCENT;
    boolean reviewed = random.nextInt(100) < 15;
    boolean coAuthored = random.nextInt(100) < CO_AUTHOR_PERCENT;
    if (signed || reviewed || coAuthored) {
      m.append('\n');
      if (coAuthored) {
        m.append("Co-authored-by: ").append(person(author())).append('\n');
      }
      if (reviewed) {
        m.append("Reviewed-by: ").append(person(author())).append('\n');
      }
      if (signed) {
        m.append("Signed-off-by: ").append(person(author())).append('\n');
      }
    }
    return m.toString();
  }

  private static String path(int dir, int file) {
    return PATHS[dir * FILES_PER_DIR + file];
  }

  static String person(int author) {
    String first = FIRST[author % FIRST.length];
    String last = LAST[(author / FIRST.length) % LAST.length];
    String email =
        (first + "." + last).toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + author;
    return first
        + " "
        + last
        + " <"
        + email
        + (author % 3 == 0 ? "@users.noreply.github.com>" : "@example.org>");
  }

  private static String zone(int author) {
    return ZONES[author % ZONES.length];
  }

  /** Buffered UTF-8 output with fast-import's {@code data <length>} framing. */
  private static final class Sink {
    private final OutputStream out;

    Sink(OutputStream out) {
      this.out = out;
    }

    void text(String s) throws IOException {
      if (!s.isEmpty()) {
        out.write(s.getBytes(StandardCharsets.UTF_8));
      }
    }

    void data(String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      text("data " + bytes.length + "\n");
      out.write(bytes);
      out.write('\n');
    }

    void flush() throws IOException {
      out.flush();
    }
  }
}
