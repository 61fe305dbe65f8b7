package dev.pizza.jgit;

import static dev.pizza.jgit.WorkTrees.commit;
import static dev.pizza.jgit.WorkTrees.git;
import static dev.pizza.jgit.WorkTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renames by content similarity are paired as git pairs them ({@code git log --numstat --minimal
 * -M}), on histories where JGit's rename detector did not: several alike scripts deleted and added
 * at once (as libgit2's commit 8d8ab0b renamed its benchmark scripts), where git's chunk measure
 * finds 50% and more and pairs them by its candidate matrix, even crosswise between sizes; a file
 * moved with edits while a more similar file of another name is deleted too (git's base-name step
 * takes the same name at 75%); a file renamed and turned to CRLF; a binary file renamed with an
 * edit; and a pair below 50%, which stays a deletion and an addition.
 */
class SimilarRenamesTest {
  @TempDir static Path tmp;
  private static Path repo;
  private static final Map<String, CommitRecord> records = new HashMap<>();

  @BeforeAll
  static void buildAndBake() throws Exception {
    NativeGit.assumeInstalled("to write the history and to pair its renames");
    repo = tmp.resolve("repo");
    git(tmp, "init", "-q", "-b", "main", repo.toString());
    String[] sizes = {"1kb", "100kb", "10mb"};
    for (String s : sizes) {
      write(
          repo,
          "b/digest__data_cached_" + s,
          script("make_file data_" + s, "--warmup 5", s, false));
      write(
          repo,
          "b/digest__store_data_cached_" + s,
          script(
              "new_repo empty_repo &&\n                  make_file data_" + s,
              "--warmup 5",
              s,
              true));
    }
    commit(repo, "alike scripts");
    for (String s : sizes) {
      git(repo, "rm", "-q", "b/digest__data_cached_" + s, "b/digest__store_data_cached_" + s);
      write(
          repo,
          "b/digest__data_nocache_" + s,
          script("make_file data_" + s + " &&\n                  drop_caches", null, s, false));
      write(
          repo,
          "b/digest__store_data_nocache_" + s,
          script(
              "new_repo empty_repo &&\n                  make_file data_"
                  + s
                  + " &&\n                  drop_caches",
              null,
              s,
              true));
    }
    commit(repo, "alike scripts renamed");

    write(repo, "src/util.c", numbered("util", 40));
    write(repo, "src/helper.c", numbered("util", 38) + "helper\n");
    write(repo, "crlf.txt", numbered("text", 30));
    Files.write(repo.resolve("blob.bin"), binary(3000, 0));
    write(repo, "small.txt", "one\ntwo\nthree\nfour\n");
    commit(repo, "sources");
    git(repo, "rm", "-q", "src/util.c", "src/helper.c", "crlf.txt", "blob.bin", "small.txt");
    // util.c keeps its name at 85% similarity; helper.c, 95% like it, is not taken for it.
    write(repo, "lib/util.c", numbered("util", 34) + numbered("new", 6));
    write(repo, "text-crlf.txt", numbered("text", 30).replace("\n", "\r\n"));
    Files.createDirectories(repo.resolve("data"));
    Files.write(repo.resolve("data/blob2.bin"), binary(3000, 1));
    write(repo, "tiny.txt", "one\nfive\nsix\nseven\n");
    commit(repo, "moves");

    RecordingSink sink = RecordingSink.bakedWithLineStats(repo);
    for (CommitRecord r : sink.delivered) {
      records.put(r.subject(), r);
    }
  }

  /** A shell script in the shape of libgit2's benchmark scripts (the words are made up). */
  private static String script(String setup, String warmup, String size, boolean store) {
    StringBuilder s = new StringBuilder("#!/bin/sh -e\n\n. \"$(dirname \"$0\")/helpers.sh\"\n\n");
    s.append("runbench --setup \"").append(setup).append("\" \\\n");
    if (warmup != null) {
      s.append("         ").append(warmup).append(" \\\n");
    }
    if (store) {
      s.append("         --cd \"empty_repo\" \\\n");
      s.append("         digest ").append(warmup == null ? "-w " : "");
      s.append("\"../data_").append(size).append("\"\n");
    } else {
      s.append("         digest \"data_").append(size).append("\"\n");
    }
    return s.toString();
  }

  private static String numbered(String word, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("  ").append(word).append(" line number ").append(i).append(";\n");
    }
    return s.toString();
  }

  /** {@code n} bytes with NULs and no newline; {@code edit} changes one 64-byte stretch. */
  private static byte[] binary(int n, int edit) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i % 251 == 0 ? 0 : 1 + (i * 7) % 200);
    }
    for (int i = 0; i < 64 * edit; i++) {
      b[1000 + i] = (byte) 0xee;
    }
    return b;
  }

  @Test
  void everyCommit_pairsRenamesAsGitLogNumstatMinimalM() throws Exception {
    Map<String, List<String>> git = GitNumstat.of(repo, "-M");
    assertThat(records).hasSameSizeAs(git);
    for (CommitRecord r : records.values()) {
      assertThat(GitNumstat.lines(r)).as("commit %s", r.subject()).isEqualTo(git.get(r.id().hex()));
    }
  }

  @Test
  void alikeScripts_arePairedByGitsMatrix_crosswiseWhereScoresTie() {
    assertThat(GitNumstat.lines(records.get("alike scripts renamed")))
        .contains(
            "3 3 b/digest__store_data_nocache_100kb <- b/digest__store_data_cached_100kb",
            "3 3 b/digest__store_data_nocache_10mb <- b/digest__store_data_cached_1kb",
            "3 3 b/digest__store_data_nocache_1kb <- b/digest__store_data_cached_10mb");
  }

  @Test
  void sameBaseName_winsOverAMoreSimilarFile() {
    assertThat(GitNumstat.lines(records.get("moves")))
        .contains("6 6 lib/util.c <- src/util.c", "0 39 src/helper.c");
  }
}
