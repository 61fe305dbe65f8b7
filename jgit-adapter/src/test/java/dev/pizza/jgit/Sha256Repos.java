package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Signature;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SHA-256 repositories written by native git for tests, and the check that records equal what
 * {@code git log} reports of them. Commits get varied authors, committers, dates and zones.
 */
final class Sha256Repos {
  private static final String[] NAMES = {"Zoë Ünicode", "Bob \"Quotes\"", "plain"};
  private static final String[] ZONES = {"+0530", "-0700", "+0000"};
  private int clock;

  /** Creates a SHA-256 repository at {@code dir} (bare or with a work tree), branch main. */
  static Path init(Path dir, boolean bare) throws Exception {
    NativeGit.assumeInstalled("to write SHA-256 repositories");
    Path parent = dir.getParent();
    java.nio.file.Files.createDirectories(parent);
    if (bare) {
      NativeGit.run(
          parent, "init", "-q", "--bare", "--object-format=sha256", "-b", "main", dir.toString());
    } else {
      NativeGit.run(parent, "init", "-q", "--object-format=sha256", "-b", "main", dir.toString());
    }
    return dir;
  }

  /** The identity and dates of the next commit, as git's environment. */
  Map<String, String> nextIdentity() {
    int t = clock++;
    Map<String, String> env = new HashMap<>();
    env.put("GIT_AUTHOR_NAME", NAMES[t % 3]);
    env.put("GIT_AUTHOR_EMAIL", "a" + (t % 3) + "@example.com");
    env.put("GIT_AUTHOR_DATE", (1_600_000_000L + t * 3_600L) + " " + ZONES[t % 3]);
    env.put("GIT_COMMITTER_NAME", "Committer " + (t % 2));
    env.put("GIT_COMMITTER_EMAIL", "c" + (t % 2) + "@example.org");
    env.put("GIT_COMMITTER_DATE", (1_600_000_100L + t * 3_600L) + " " + ZONES[(t + 1) % 3]);
    return env;
  }

  /** Commits (empty) in the work tree {@code repo} with {@code paragraphs} as the message. */
  void commit(Path repo, String... paragraphs) throws Exception {
    String[] args = new String[3 + paragraphs.length * 2];
    args[0] = "commit";
    args[1] = "-q";
    args[2] = "--allow-empty";
    for (int i = 0; i < paragraphs.length; i++) {
      args[3 + 2 * i] = "-m";
      args[4 + 2 * i] = paragraphs[i];
    }
    NativeGit.run(nextIdentity(), repo, args);
  }

  /** Commits {@code count} times with numbered messages sharing {@code body}. */
  void commits(Path repo, String label, int count, String body) throws Exception {
    for (int i = 0; i < count; i++) {
      commit(repo, label + " " + i, body + "\n\nSigned-off-by: Dev <dev@example.com>");
    }
  }

  /** Merges {@code branch} into the checked-out branch with a merge commit. */
  void merge(Path repo, String branch) throws Exception {
    NativeGit.run(nextIdentity(), repo, "merge", "-q", "--no-ff", "-m", "Merge " + branch, branch);
  }

  /** Returns the ids of every commit reachable from branches and tags, as git lists them. */
  static Set<CommitId> reachable(Path repo) throws Exception {
    Set<CommitId> ids = new HashSet<>();
    for (String line : NativeGit.run(repo, "rev-list", "--branches", "--tags").split("\n")) {
      if (!line.isBlank()) {
        ids.add(CommitId.of(line.strip()));
      }
    }
    return ids;
  }

  /** Asserts that {@code records} are exactly the reachable commits, every field as git logs it. */
  static void assertEqualsGitLog(Path repo, Map<CommitId, CommitRecord> records) throws Exception {
    String log =
        NativeGit.run(
            repo,
            "log",
            "-z",
            "--branches",
            "--tags",
            "--date=raw",
            "--format=%H%x01%P%x01%an%x01%ae%x01%ad%x01%cn%x01%ce%x01%cd%x01%B");
    Map<CommitId, String[]> expected = new HashMap<>();
    for (String entry : log.split("\0")) {
      if (entry.isEmpty()) {
        continue;
      }
      String[] f = entry.split("\u0001", -1);
      assertThat(f).as("fields of %s", entry).hasSize(9);
      expected.put(CommitId.of(f[0]), f);
    }
    assertThat(expected).isNotEmpty();
    assertThat(records.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<CommitId, String[]> e : expected.entrySet()) {
      String[] f = e.getValue();
      CommitRecord r = records.get(e.getKey());
      assertThat(r.id().hex()).hasSize(64);
      List<String> parents = f[1].isEmpty() ? List.of() : Arrays.asList(f[1].split(" "));
      assertThat(r.parents()).extracting(CommitId::hex).as("parents").isEqualTo(parents);
      assertThat(r.isMerge()).isEqualTo(parents.size() > 1);
      assertSignature(r.author(), f[2], f[3], f[4]);
      assertSignature(r.committer(), f[5], f[6], f[7]);
      assertThat(r.message()).as("message of %s", r.id()).isEqualTo(f[8]);
    }
  }

  private static void assertSignature(Signature s, String name, String email, String rawDate) {
    assertThat(s.name()).isEqualTo(name);
    assertThat(s.email()).isEqualTo(email);
    String[] d = rawDate.split(" ");
    assertThat(s.instant()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(d[0])));
    int sign = d[1].charAt(0) == '-' ? -1 : 1;
    int hours = Integer.parseInt(d[1].substring(1, 3));
    int minutes = Integer.parseInt(d[1].substring(3, 5));
    assertThat(s.offset()).isEqualTo(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
  }
}
