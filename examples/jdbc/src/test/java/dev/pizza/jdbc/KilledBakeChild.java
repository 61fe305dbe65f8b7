package dev.pizza.jdbc;

import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;

/**
 * The child JVM of {@link KilledBakeTest}: bakes one repository into a database and says on
 * standard output when its transaction has begun, so that the parent kills it mid-bake.
 *
 * <p>Arguments: JDBC URL, repository path, store directory.
 */
public final class KilledBakeChild {
  private KilledBakeChild() {}

  public static void main(String[] args) throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open(args[0]);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(Path.of(args[2])).build())
                .allowLocalRepositories(true)
                .batchSize(100)
                // One transaction per bake, as this test pins (the old state or the new one);
                // the states between intermediate checkpoints are pinned by the CLI's kill test.
                .noIntermediateCheckpoints()
                .build()) {
      TeeSink sink = new TeeSink(db.sink());
      sink.onBegin =
          () -> {
            System.out.println("BEGIN");
            System.out.flush();
          };
      oven.bake(args[1], sink);
      System.out.println("DONE");
      System.out.flush();
    }
  }
}
