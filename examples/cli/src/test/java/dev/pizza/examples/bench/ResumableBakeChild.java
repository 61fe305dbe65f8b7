package dev.pizza.examples.bench;

import dev.pizza.BakeResult;
import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process the kill test starts and kills: bakes one local repository into a {@link LogSink},
 * saving a checkpoint after every batch. Usage: {@code ResumableBakeChild <repository> <sink
 * directory> <batch size>}. Prints {@code begun}, {@code saved LENGTH} after each checkpoint, and
 * {@code done new=N already=N retracted=N resynced=B} when the bake finishes.
 */
public final class ResumableBakeChild {
  private ResumableBakeChild() {}

  /** Bakes {@code args[0]} into the sink at {@code args[1]} in batches of {@code args[2]}. */
  public static void main(String[] args) throws Exception {
    Path repository = Path.of(args[0]).toAbsolutePath();
    Path sinkDir = Path.of(args[1]).toAbsolutePath();
    int batch = Integer.parseInt(args[2]);
    LogSink sink = new LogSink(sinkDir.resolve("sink"), System.out);
    try (PizzaOven oven =
        PizzaOven.builder()
            .backend(
                JGitBackend.builder().generationsDirectory(sinkDir.resolve("generations")).build())
            .allowLocalRepositories(true)
            .batchSize(batch)
            .intermediateCheckpoints(1, Duration.ZERO)
            .build()) {
      BakeResult r = oven.bake(repository.toString(), sink);
      System.out.println(
          "done new="
              + r.newCommits()
              + " already="
              + r.alreadyDelivered()
              + " retracted="
              + r.retractedCommits()
              + " resynced="
              + r.resynced());
    }
  }
}
