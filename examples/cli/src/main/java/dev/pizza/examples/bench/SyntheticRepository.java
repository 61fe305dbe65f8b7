package dev.pizza.examples.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A deterministic synthetic git repository (see {@link FastImportHistory} for its shape), written
 * by {@code git fast-import} and cached on disk.
 *
 * <h2>Cache layout</h2>
 *
 * <p>{@code <root>/<commits>-<seed>/} is a bare repository; it counts as complete only when its
 * marker file {@value #MARKER} exists, which records the format version, the count, the seed and
 * the tip of {@code refs/heads/main}. A repository is generated in {@code
 * <root>/.<commits>-<seed>.tmp-<pid>}, the marker written last, and the directory then renamed into
 * place, so a crash leaves a temporary directory (deleted by the next generation of the same
 * repository) and never a half repository under the final name. A directory without a valid marker
 * is deleted and generated again. On reuse, {@code refs/heads/main} is put back at the recorded
 * tip, undoing an incremental benchmark that was interrupted.
 *
 * <h2>Repacked as a server would</h2>
 *
 * <p>{@code fast-import} never stores a commit as a delta; a server's pack ({@code git gc
 * --aggressive}, {@code repack -f --window=250}) does, and reading such commits means resolving
 * delta chains. So the pack is rewritten with {@code git repack -adf --window=250 --depth=50} after
 * the import (window chosen by the caller; 0 keeps fast-import's pack, for tests that need only the
 * shape and not minutes of repacking), done once per cached repository. There is no commit-graph
 * file: git and JGit both inflate every commit, which is the fair comparison. Automatic gc is
 * turned off in the repository so that no command rewrites it during a benchmark.
 */
public final class SyntheticRepository {
  /** The name of the marker file written last into a complete repository. */
  static final String MARKER = "pizza-bench-complete";

  /** Bumped whenever {@link FastImportHistory} changes its output; older caches are regenerated. */
  static final int FORMAT = 2;

  private static final String MAIN = "refs/heads/main";

  private final Path directory;
  private final int commits;
  private final long seed;
  private final String mainTip;
  private final boolean reused;
  private final long generationNanos;

  private SyntheticRepository(
      Path directory, int commits, long seed, String mainTip, boolean reused, long nanos) {
    this.directory = directory;
    this.commits = commits;
    this.seed = seed;
    this.mainTip = mainTip;
    this.reused = reused;
    this.generationNanos = nanos;
  }

  /**
   * Returns the repository of {@code commits} commits from {@code seed} under {@code root}, reusing
   * a complete one or generating it.
   *
   * @throws IllegalStateException if git fails
   */
  public static SyntheticRepository obtain(Path root, int commits, long seed)
      throws IOException, InterruptedException {
    return obtain(root, commits, seed, 0);
  }

  /**
   * Like {@link #obtain(Path, int, long)}, the pack rewritten with {@code git repack -adf
   * --window=<repackWindow> --depth=50} unless {@code repackWindow} is 0.
   */
  public static SyntheticRepository obtain(Path root, int commits, long seed, int repackWindow)
      throws IOException, InterruptedException {
    if (commits < 1) {
      throw new IllegalArgumentException("commits must be at least 1, got " + commits);
    }
    Files.createDirectories(root);
    String name = commits + "-" + seed + (repackWindow > 0 ? "-w" + repackWindow : "");
    Path dir = root.resolve(name).toAbsolutePath();
    SyntheticRepository existing = reuse(dir, commits, seed);
    if (existing != null) {
      return existing;
    }
    deleteTree(dir);
    Path tmp = root.resolve("." + name + ".tmp-" + ProcessHandle.current().pid());
    deleteTree(tmp);
    long start = System.nanoTime();
    String tip = generate(tmp, commits, seed, repackWindow);
    long nanos = System.nanoTime() - start;
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      deleteTree(tmp); // another process finished the same repository first
      SyntheticRepository other = reuse(dir, commits, seed);
      if (other == null) {
        throw new IllegalStateException("incomplete repository appeared at " + dir, e);
      }
      return other;
    }
    return new SyntheticRepository(dir, commits, seed, tip, false, nanos);
  }

  private static @org.jspecify.annotations.Nullable SyntheticRepository reuse(
      Path dir, int commits, long seed) throws IOException, InterruptedException {
    Map<String, String> marker = readMarker(dir.resolve(MARKER));
    String tip = marker.get("main");
    if (tip == null
        || !String.valueOf(FORMAT).equals(marker.get("format"))
        || !String.valueOf(commits).equals(marker.get("commits"))
        || !String.valueOf(seed).equals(marker.get("seed"))) {
      return null;
    }
    GitCommand.run(dir, "update-ref", MAIN, tip);
    return new SyntheticRepository(dir, commits, seed, tip, true, 0);
  }

  private static String generate(Path dir, int commits, long seed, int repackWindow)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    GitCommand.run(dir, "init", "--quiet", "--bare", "--initial-branch=main");
    GitCommand.run(dir, "config", "gc.auto", "0");
    fastImport(dir, out -> FastImportHistory.write(seed, commits, out));
    if (repackWindow > 0) {
      GitCommand.run(dir, "repack", "-adf", "--quiet", "--window=" + repackWindow, "--depth=50");
    }
    String tip = GitCommand.run(dir, "rev-parse", MAIN).strip();
    String marker =
        "format=" + FORMAT + "\ncommits=" + commits + "\nseed=" + seed + "\nmain=" + tip + "\n";
    Files.writeString(dir.resolve(MARKER), marker, StandardCharsets.UTF_8);
    return tip;
  }

  /** Writes {@code stream} into {@code git fast-import} for the repository at {@code dir}. */
  private static void fastImport(Path dir, StreamWriter stream)
      throws IOException, InterruptedException {
    List<String> command = List.of("git", "--git-dir=" + dir, "fast-import", "--quiet");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 20)) {
      stream.write(out);
    } finally {
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("git fast-import into " + dir + " exited with " + exit);
      }
    }
  }

  /**
   * Adds {@code count} commits on top of {@code refs/heads/main}, which then points at them;
   * returns the new tip. The same repository and count always give the same commits. Undo with
   * {@link #resetMain()}.
   */
  public String appendToMain(int count) throws IOException, InterruptedException {
    fastImport(directory, out -> FastImportHistory.writeAppend(seed, commits, count, mainTip, out));
    return GitCommand.run(directory, "rev-parse", MAIN).strip();
  }

  /** Puts {@code refs/heads/main} back at the generated tip. */
  public void resetMain() throws IOException, InterruptedException {
    GitCommand.run(directory, "update-ref", MAIN, mainTip);
  }

  /** Returns the bare repository's directory (absolute). */
  public Path directory() {
    return directory;
  }

  /** Returns how many commits the generated history has. */
  public int commits() {
    return commits;
  }

  /** Returns whether a complete cached copy was reused instead of generated. */
  public boolean reused() {
    return reused;
  }

  /** Returns how long the generation took, or 0 when reused. */
  public long generationNanos() {
    return generationNanos;
  }

  private static Map<String, String> readMarker(Path marker) throws IOException {
    Map<String, String> values = new TreeMap<>();
    if (!Files.isRegularFile(marker)) {
      return values;
    }
    for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    return values;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Writes a fast-import stream. */
  private interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  @Override
  public String toString() {
    return commits + " commits (seed " + seed + ") at " + directory;
  }
}
