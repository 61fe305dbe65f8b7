package dev.pizza.jdbc;

import dev.pizza.PizzaOven;
import dev.pizza.jgit.JGitBackend;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link KilledBakeTest}: bakes one repository into a database, saving an
 * intermediate checkpoint after every batch of {@link #BATCH}, and says on standard output when its
 * bake has begun ({@code BEGIN}), after each batch the database accepted ({@code ACCEPT n}) and
 * after each checkpoint it committed ({@code SAVED}), so that the parent kills it mid-bake and
 * counts what the next bake delivers again.
 *
 * <p>Arguments: JDBC URL, repository path, store directory.
 */
public final class KilledBakeChild {
  /** Records per batch, and per intermediate checkpoint. */
  static final int BATCH = 100;

  private KilledBakeChild() {}

  public static void main(String[] args) throws Exception {
    try (PizzaDatabase db = PizzaDatabase.open(args[0]);
        PizzaOven oven =
            PizzaOven.builder()
                .backend(JGitBackend.builder().storeDirectory(Path.of(args[2])).build())
                .allowLocalRepositories(true)
                .batchSize(BATCH)
                .intermediateCheckpoints(1, Duration.ZERO)
                .build()) {
      TeeSink sink = new TeeSink(db.sink());
      sink.onBegin = () -> say("BEGIN");
      sink.onAccept = n -> say("ACCEPT " + n);
      sink.onSave = () -> say("SAVED");
      oven.bake(args[1], sink);
      say("DONE");
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
