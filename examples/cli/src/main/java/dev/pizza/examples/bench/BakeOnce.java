package dev.pizza.examples.bench;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.examples.cli.SystemGitConfig;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;

/**
 * A program that bakes one local repository in full into a {@link CountingSink} and exits: what the
 * benchmark times as a whole process, and what the bounded-memory test runs under a small {@code
 * -Xmx}.
 *
 * <p>Usage: {@code java -Xmx256m -cp pizza.jar dev.pizza.examples.bench.BakeOnce <repository>
 * [--no-checkpoints]}; the option bakes without intermediate checkpoints (commits in walk order,
 * one pass), to measure what they cost. It prints one line of {@code key=value} pairs: {@code
 * commits}, {@code checksum} (see {@link IdChecksum}), {@code peakHeap} and {@code maxHeapAfterGc}
 * in bytes (see {@link HeapWatch}), {@code gcCount}, {@code gcMillis}, and {@code bakeMillis} (the
 * bake alone, without JVM start). Exits with status 1 and a stack trace when the bake fails,
 * including on {@link OutOfMemoryError}.
 */
public final class BakeOnce {
  private BakeOnce() {}

  /** Bakes {@code args[0]} and prints what it measured. */
  public static void main(String[] args) throws Exception {
    SystemGitConfig.install();
    boolean checkpoints = args.length == 1;
    if (args.length < 1
        || args.length > 2
        || (!checkpoints && !args[1].equals("--no-checkpoints"))) {
      System.err.println("usage: BakeOnce <repository directory> [--no-checkpoints]");
      System.exit(2);
    }
    HeapWatch heap = new HeapWatch();
    String repository = Path.of(args[0]).toAbsolutePath().toString();
    CountingSink sink = new CountingSink();
    long start = System.nanoTime();
    BakeResult result;
    PizzaOven.Builder builder =
        PizzaOven.builder().backend(JGitBackend.builder().build()).allowLocalRepositories(true);
    if (!checkpoints) {
      builder.noIntermediateCheckpoints();
    }
    try (PizzaOven oven = builder.build()) {
      result = oven.bake(repository, sink);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long[] gc = HeapWatch.collections();
    System.out.println(
        "commits="
            + sink.count()
            + " delivered="
            + result.newCommits()
            + " checksum="
            + sink.checksum().hex()
            + " peakHeap="
            + HeapWatch.peakUsed()
            + " maxHeapAfterGc="
            + heap.maxAfterGc()
            + " gcCount="
            + gc[0]
            + " gcMillis="
            + gc[1]
            + " bakeMillis="
            + millis);
  }
}
