package dev.pizza.examples.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table of the benchmark's rows (a) to (e) of one repository. */
final class BakeTable {
  private BakeTable() {}

  /**
   * Prints rows (a) to (e) from the measurements in {@code m}; row (d) only when {@code increment}
   * is positive.
   */
  static void print(
      int size, Map<String, List<Double>> m, List<String> failures, String bakeXmx, int increment) {
    Stats git = stats(m, "git.s");
    Stats proc = stats(m, "proc.s");
    Stats warm = stats(m, "warm.s");
    Stats incr = stats(m, "incr.s");
    Stats heap = stats(m, "proc.heap");
    Stats live = stats(m, "proc.live");
    String failed = failures.isEmpty() ? "" : "; failed runs: " + failures;
    ResultTable t =
        new ResultTable()
            .row(
                "(a) git log, all fields",
                "s",
                git,
                String.format(Locale.ROOT, "%.0f commits/s", size / git.median()))
            .row("(a) git log CPU, user+sys", "s", stats(m, "git.cpu"), "")
            .row("(a) git log peak RSS", "MB", stats(m, "git.rss"), "")
            .row(
                "(b) bake, new JVM -Xmx" + bakeXmx,
                "s",
                proc,
                "bake/git " + ResultTable.ratio(proc.median(), git.median()) + failed)
            .row(
                "(b) bake CPU, user+sys",
                "s",
                stats(m, "proc.cpu"),
                "cpu bake/git "
                    + ResultTable.ratio(
                        stats(m, "proc.cpu").median(), stats(m, "git.cpu").median()))
            .row("(b) bake peak RSS", "MB", stats(m, "proc.rss"), "")
            .row(
                "(b') CLI bake --jsonl, new JVM, new home",
                "s",
                stats(m, "cli.s"),
                "cli/git " + ResultTable.ratio(stats(m, "cli.s").median(), git.median()))
            .row(
                "(c) bake, warm JVM",
                "s",
                warm,
                "bake/git "
                    + ResultTable.ratio(warm.median(), git.median())
                    + String.format(Locale.ROOT, ", %.0f commits/s", size / warm.median()))
            .row(
                "(c) bake CPU, warm JVM, whole process",
                "s",
                stats(m, "warm.cpu"),
                "cpu bake/git "
                    + ResultTable.ratio(
                        stats(m, "warm.cpu").median(), stats(m, "git.cpu").median()))
            .row(
                increment > 0
                    ? "(d) incremental bake, +" + increment + " commits"
                    : "(d) see (f)-(h)",
                "s",
                incr,
                "incremental/full(c) " + ResultTable.ratio(incr.median(), warm.median()))
            .row("(e) peak heap used, (b)", "MB", heap, "sum of pool peaks, garbage included")
            .row("(e) max heap after GC, (b)", "MB", live, "live-set bound")
            .row("(e) bytes/commit, peak heap", "B", heap.scaled(1e6 / size), "")
            .row("(e) bytes/commit, after GC", "B", live.scaled(1e6 / size), "");
    System.out.println(t);
  }

  private static Stats stats(Map<String, List<Double>> m, String key) {
    return Stats.of(m.getOrDefault(key, List.of()));
  }
}
