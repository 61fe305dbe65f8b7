package dev.pizza.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs a child process to completion and measures it: wall time from start to exit, peak resident
 * set size, and the size of its standard output.
 *
 * <p>Standard output is drained by a thread as it comes and either discarded (only counted) or kept
 * in memory; it never touches the disk. Standard error goes to a temporary file, kept for error
 * messages.
 *
 * <p>Peak RSS: the command runs under GNU {@code /usr/bin/time -f %M -o <file>}, which reports the
 * child's {@code ru_maxrss} from {@code wait4} after it exits: exact, with no sampling to miss a
 * short peak, and it covers the whole process (for a JVM: heap, metaspace, code cache, thread
 * stacks, mapped pack files it touched). The wrapper adds about a millisecond of fork/exec to the
 * wall time. Without {@code /usr/bin/time} the RSS is reported as unknown (-1) rather than sampled.
 */
final class MeasuredProcess {
  private static final Path TIME = Path.of("/usr/bin/time");

  /**
   * What a run measured.
   *
   * @param exitCode the command's exit status
   * @param wallNanos wall time from start to exit
   * @param peakRssKb the peak resident set size in KiB, or -1 when it cannot be measured
   * @param cpuNanos user plus system CPU time of the command and its children, or -1 when it cannot
   *     be measured: on a loaded machine a steadier figure than the wall time
   * @param stdoutBytes how many bytes the command wrote to standard output
   * @param stdout the standard output as text when it was kept, else empty
   * @param stderr the last few KiB of standard error
   */
  record Result(
      int exitCode,
      long wallNanos,
      long peakRssKb,
      long cpuNanos,
      long stdoutBytes,
      String stdout,
      String stderr) {

    /** Throws unless the command exited with status 0. */
    Result requireSuccess(List<String> command) {
      if (exitCode != 0) {
        throw new IllegalStateException(
            "command " + command + " exited with " + exitCode + "; stderr:\n" + stderr);
      }
      return this;
    }
  }

  private MeasuredProcess() {}

  /** Returns whether peak RSS can be measured on this machine. */
  static boolean measuresRss() {
    return Files.isExecutable(TIME);
  }

  /**
   * Runs {@code command} in {@code directory} (or the current one) and waits for it.
   *
   * @param keepStdout keep standard output as text (for small outputs) instead of discarding it
   */
  static Result run(List<String> command, @Nullable Path directory, boolean keepStdout)
      throws IOException, InterruptedException {
    return run(command, directory, keepStdout, Map.of());
  }

  /** Like {@link #run(List, Path, boolean)}, with {@code environment} added to the child's. */
  static Result run(
      List<String> command,
      @Nullable Path directory,
      boolean keepStdout,
      Map<String, String> environment)
      throws IOException, InterruptedException {
    Path rssFile = Files.createTempFile("pizza-bench-rss", ".txt");
    Path errFile = Files.createTempFile("pizza-bench-stderr", ".txt");
    try {
      List<String> full = new ArrayList<>();
      if (measuresRss()) {
        full.addAll(List.of(TIME.toString(), "-f", "%U %S %M", "-o", rssFile.toString()));
      }
      full.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(full).redirectError(errFile.toFile());
      if (directory != null) {
        pb.directory(directory.toFile());
      }
      pb.environment().putAll(environment);
      AtomicLong bytes = new AtomicLong();
      StringBuilder kept = new StringBuilder();
      long start = System.nanoTime();
      Process process = pb.start();
      process.getOutputStream().close();
      Thread drain =
          new Thread(() -> drain(process.getInputStream(), bytes, keepStdout ? kept : null));
      drain.start();
      int exit = process.waitFor();
      long wall = System.nanoTime() - start;
      drain.join();
      long[] usage = readUsage(rssFile);
      return new Result(
          exit, wall, usage[1], usage[0], bytes.get(), kept.toString(), tail(errFile));
    } finally {
      Files.deleteIfExists(rssFile);
      Files.deleteIfExists(errFile);
    }
  }

  private static void drain(InputStream in, AtomicLong bytes, @Nullable StringBuilder kept) {
    byte[] buffer = new byte[1 << 16];
    try (in) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.addAndGet(n);
        if (kept != null) {
          kept.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads GNU time's output, whose last line is {@code %U %S %M} (it may first say the exit
   * status): CPU nanoseconds and peak RSS in KiB, each -1 when unknown.
   */
  private static long[] readUsage(Path file) throws IOException {
    long[] unknown = {-1, -1};
    if (!measuresRss()) {
      return unknown;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] f = lines.get(i).strip().split(" ");
      if (f.length == 3) {
        try {
          double cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
          return new long[] {(long) (cpu * 1e9), Long.parseLong(f[2])};
        } catch (NumberFormatException e) {
          return unknown;
        }
      }
    }
    return unknown;
  }

  private static String tail(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int from = Math.max(0, all.length - 4096);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }
}
