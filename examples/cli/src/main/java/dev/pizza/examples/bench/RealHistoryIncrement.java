package dev.pizza.examples.bench;

import dev.pizza.BakeResult;
import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.PizzaOven;
import dev.pizza.RepositoryId;
import dev.pizza.RepositoryUrl;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The incremental rows of a real repository, which the benchmark must not change: the refs as they
 * stood at an earlier date play the old checkpoint, and the bake of the refs as they are now from
 * that checkpoint is timed against {@code git rev-list NEW --not OLD} for the same delta.
 *
 * <p>The earlier state: a date is picked so that about {@code target} commits are newer than it;
 * each branch then stands at the last commit of its first-parent history dated before it (a branch
 * made later stands at its fork point), and a tag exists if the commit it names is dated before it.
 * The delta is whatever {@code git rev-list} says for those tips, checked against every bake (count
 * and {@link IdChecksum}).
 *
 * <p>Rows: {@code git rev-list} as a whole process; the incremental bake in a warm JVM (the
 * generation numbers written by the full bakes before it); and a bake with nothing new (the
 * checkpoint of the refs as they are), which costs a look at every ref.
 */
final class RealHistoryIncrement {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Path repo;
  private final int runs;
  private final Supplier<PizzaOven> ovens;

  RealHistoryIncrement(Path repo, int runs, Supplier<PizzaOven> ovens) {
    this.repo = repo;
    this.runs = runs;
    this.ovens = ovens;
  }

  /** Measures and prints the rows for a delta of about {@code target} commits. */
  void measure(int target, Checkpoint current) throws Exception {
    long since = dateOfNewest(target);
    Checkpoint old = stateAt(since);
    List<String> revList = new ArrayList<>(List.of("git", "-C", repo.toString(), "rev-list"));
    revList.addAll(current.commits().stream().map(CommitId::hex).toList());
    revList.add("--not");
    revList.addAll(old.commits().stream().map(CommitId::hex).toList());
    IdChecksum expected =
        IdChecksum.ofLines(
            MeasuredProcess.run(revList, null, true).requireSuccess(revList).stdout());
    System.out.printf(
        Locale.ROOT,
        "incremental: refs as of %s (%d tips) -> now (%d tips): %,d new commits%n",
        java.time.Instant.ofEpochSecond(since),
        old.tips().size(),
        current.tips().size(),
        expected.count());

    Map<String, List<Double>> m = new HashMap<>();
    RepositoryId id = RepositoryUrl.parse(repo.toString()).id();
    try (PizzaOven oven = ovens.get()) {
      for (int r = 0; r < runs + 1; r++) {
        MeasuredProcess.Result git = MeasuredProcess.run(revList, null, false);
        git.requireSuccess(revList);
        CountingSink sink = CountingSink.startingFrom(id, old);
        long start = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        BakeResult result = oven.bake(repo.toString(), sink);
        long nanos = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        if (sink.count() != expected.count() || !sink.checksum().hex().equals(expected.hex())) {
          throw new IllegalStateException(
              "incremental bake delivered "
                  + sink.count()
                  + " commits ("
                  + sink.checksum().hex()
                  + "), git rev-list has "
                  + expected.count()
                  + " ("
                  + expected.hex()
                  + ")");
        }
        CountingSink same = CountingSink.startingFrom(id, result.newCheckpoint());
        long noopStart = System.nanoTime();
        oven.bake(repo.toString(), same);
        long noop = System.nanoTime() - noopStart;
        if (same.count() != 0) {
          throw new IllegalStateException("a bake with nothing new delivered " + same.count());
        }
        if (r > 0) { // the first round warms up
          add(m, "revlist", git.wallNanos() / 1e6);
          add(m, "revlist.cpu", git.cpuNanos() / 1e6);
          add(m, "incr.cpu", cpu / 1e6);
          add(m, "incr", nanos / 1e6);
          add(m, "noop", noop / 1e6);
        }
      }
    }
    Stats git = Stats.of(m.getOrDefault("revlist", List.of()));
    Stats incr = Stats.of(m.getOrDefault("incr", List.of()));
    ResultTable t =
        new ResultTable()
            .row(
                "(f) git rev-list NEW --not OLD",
                "ms",
                git,
                String.format(Locale.ROOT, "%,d commits, whole process", expected.count()))
            .row(
                "(f) git rev-list CPU, user+sys",
                "ms",
                Stats.of(m.getOrDefault("revlist.cpu", List.of())),
                "")
            .row(
                "(g) incremental bake, CPU of its thread",
                "ms",
                Stats.of(m.getOrDefault("incr.cpu", List.of())),
                "cpu bake/rev-list "
                    + ResultTable.ratio(
                        Stats.of(m.getOrDefault("incr.cpu", List.of())).median(),
                        Stats.of(m.getOrDefault("revlist.cpu", List.of())).median()))
            .row(
                "(g) incremental bake, warm JVM",
                "ms",
                incr,
                "bake/rev-list " + ResultTable.ratio(incr.median(), git.median()))
            .row(
                "(h) bake with nothing new, warm JVM",
                "ms",
                Stats.of(m.getOrDefault("noop", List.of())),
                current.tips().size() + " refs");
    System.out.println(t);
  }

  /** The committer date of about the {@code target}-th newest commit of branches and tags. */
  private long dateOfNewest(int target) throws Exception {
    String[] dates =
        GitCommand.run(repo, "log", "--branches", "--tags", "--format=%ct").strip().split("\n");
    long[] sorted = Arrays.stream(dates).mapToLong(Long::parseLong).sorted().toArray();
    return sorted[Math.max(0, sorted.length - 1 - target)];
  }

  /** The refs as they stood at {@code since}, in the sense of the class comment. */
  private Checkpoint stateAt(long since) throws Exception {
    Map<String, CommitId> tips = new LinkedHashMap<>();
    String refs =
        GitCommand.run(
            repo,
            "for-each-ref",
            "--format=%(refname) %(objectname) %(*objectname) %(committerdate:unix)"
                + " %(*committerdate:unix)",
            "refs/heads",
            "refs/tags");
    for (String line : refs.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      // Five fields; empty ones at the end (a lightweight tag has no peeled id or date) may be cut.
      String[] f = Arrays.copyOf(line.split(" ", -1), 5);
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i] == null ? "" : f[i].strip();
      }
      String commit = f[2].isEmpty() ? f[1] : f[2];
      String date = f[4].isEmpty() ? f[3] : f[4];
      if (f[0].startsWith("refs/tags/")) {
        if (!date.isEmpty() && Long.parseLong(date) <= since) {
          tips.put(f[0], CommitId.of(commit));
        }
      } else {
        String at =
            GitCommand.run(repo, "rev-list", "-1", "--first-parent", "--before=" + since, f[0])
                .strip();
        if (!at.isEmpty()) {
          tips.put(f[0], CommitId.of(at));
        }
      }
    }
    return new Checkpoint(tips);
  }

  private static void add(Map<String, List<Double>> m, String key, double value) {
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }
}
