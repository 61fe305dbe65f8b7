package dev.pizza.jgit;

import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle of line statistics: {@code git log --numstat --minimal -z} of a repository, parsed per
 * commit into lines in one format, {@code added removed path [<- oldPath]}, which records are
 * printed in too ({@code -} for binary counts, as git prints them).
 */
final class GitNumstat {
  static final Map<String, String> CLEAN_ENV =
      Map.of("GIT_CONFIG_GLOBAL", "/dev/null", "GIT_CONFIG_NOSYSTEM", "1");

  private GitNumstat() {}

  /** Returns, per commit id, git's numstat lines in git's order. */
  static Map<String, List<String>> of(Path repo, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("log", "--all", "--numstat", "--minimal", "-z"));
    args.addAll(List.of(extra));
    args.add("--format=commit %H");
    String out = NativeGit.run(CLEAN_ENV, repo, args.toArray(String[]::new));
    String[] tokens = out.split("\0", -1);
    Map<String, List<String>> commits = new LinkedHashMap<>();
    List<String> current = null;
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i].startsWith("\n") ? tokens[i].substring(1) : tokens[i];
      if (t.startsWith("commit ")) {
        current = new ArrayList<>();
        commits.put(t.substring(7).trim(), current);
      } else if (!t.isEmpty()) {
        String[] f = t.split("\t", 3);
        String counts = f[0] + " " + f[1] + " ";
        if (f[2].isEmpty()) {
          current.add(counts + tokens[i + 2] + " <- " + tokens[i + 1]);
          i += 2;
        } else {
          current.add(counts + f[2]);
        }
      }
    }
    return commits;
  }

  /** The record's file changes as git's lines; too large files as {@code ? ? path}. */
  static List<String> lines(CommitRecord r) {
    List<String> out = new ArrayList<>();
    for (FileChange f : r.files()) {
      String counts =
          f.binary() ? "- - " : f.tooLarge() ? "? ? " : f.added() + " " + f.removed() + " ";
      out.add(counts + f.path() + (f.oldPath() == null ? "" : " <- " + f.oldPath()));
    }
    return out;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
