package dev.pizza.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes commits without files into a repository through one {@code git fast-import} run: a history
 * of 100k commits imports in seconds (the benchmark's {@link FastImportHistory} also writes trees
 * and blobs, which takes about a minute). Commits are named by marks ({@code :N}) within the run or
 * by full ids from earlier runs; parents are always given, so any ref may be moved anywhere ({@code
 * --force}). Close it to finish the import.
 */
public final class CommitOnlyHistory implements AutoCloseable {
  private final Process process;
  private final Writer out;
  private int marks;
  private long time = 1_420_070_400L;

  private CommitOnlyHistory(Process process) {
    this.process = process;
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
  }

  /** Starts an import into the bare repository {@code gitDir}, which must exist. */
  public static CommitOnlyHistory into(Path gitDir) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder("git", "--git-dir=" + gitDir, "fast-import", "--quiet", "--force")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    return new CommitOnlyHistory(pb.start());
  }

  /**
   * Writes a commit onto {@code ref} (which then points at it, unless a later commit moves it) with
   * the given parents, marks or ids, and returns its mark.
   */
  String commit(String ref, List<String> parents, String message) throws IOException {
    String mark = ":" + (++marks);
    time += 60;
    out.write("commit " + ref + "\nmark " + mark + "\n");
    out.write("committer Dev " + (marks % 7) + " <dev" + (marks % 7) + "@example.com> ");
    out.write(time + " +0000\n");
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    out.write("data " + msg.length + "\n" + message + "\n");
    for (int i = 0; i < parents.size(); i++) {
      out.write((i == 0 ? "from " : "merge ") + parents.get(i) + "\n");
    }
    out.write("\n");
    return mark;
  }

  /** Points {@code ref} (a tag or branch) at {@code target}, a mark or an id. */
  void reset(String ref, String target) throws IOException {
    out.write("reset " + ref + "\nfrom " + target + "\n\n");
  }

  /**
   * Writes a main line of about {@code commits} commits onto {@code ref} from {@code from} (a mark
   * or id, or null for a root): every 50th commit merges a side line of three commits forked ten
   * commits back. Returns the mark of the last commit.
   */
  public String mainLine(String ref, @Nullable String from, int commits) throws IOException {
    List<String> line = new ArrayList<>();
    @Nullable String tip = from;
    int written = 0;
    while (written < commits) {
      if (line.size() > 10 && line.size() % 50 == 0 && commits - written > 4) {
        String side = line.get(line.size() - 10);
        for (int s = 0; s < 3; s++) {
          side = commit(ref, List.of(side), "side " + written);
          written++;
        }
        tip = commit(ref, List.of(tip, side), "merge " + written);
      } else {
        tip = commit(ref, tip == null ? List.of() : List.of(tip), "commit " + written);
      }
      written++;
      line.add(tip);
    }
    return tip;
  }

  @Override
  public void close() throws IOException {
    out.write("done\n");
    out.close();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IOException("git fast-import failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git fast-import ran", e);
    }
  }
}
