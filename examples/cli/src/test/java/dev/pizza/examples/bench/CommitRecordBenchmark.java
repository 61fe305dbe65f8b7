package dev.pizza.examples.bench;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmark of the per-commit work in core that every bake pays: {@link CommitRecord#of},
 * which copies the lists and parses the message's trailer block and co-authors. The parsing of raw
 * commit bytes itself ({@code dev.pizza.jgit.internal.walk.CommitParser}) is internal to
 * jgit-adapter and is measured by the whole-bake benchmark instead.
 *
 * <p>In test sources so JMH stays out of the shaded pizza.jar and its annotation processor out of
 * the Error Prone compile of main code. Run (after {@code mvn -q -o -pl examples -am
 * test-compile}): {@code java -cp
 * examples/cli/target/test-classes:examples/cli/target/classes:<test classpath>
 * org.openjdk.jmh.Main CommitRecordBenchmark}; see the commit that added it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommitRecordBenchmark {
  private final CommitId id = CommitId.of("5353af13c56713ff3552107e8edb33c02f0e816b");
  private final List<CommitId> parents =
      List.of(CommitId.of("c1dde882484f2089ea130def196f465fd30e93c4"));
  private final Signature author =
      new Signature(
          new Identity("Hedy Thompson", "hedy.thompson104@example.org"),
          Instant.ofEpochSecond(1_734_790_479L),
          ZoneOffset.ofHours(-8));
  private final String subjectOnly = "Tune dir19/file37.txt sink (#998)\n";
  private final String withBody =
      "Tune dir19/file37.txt sink (#998)\n\n"
          + "config index sink timeout tag branch tag offset.\n"
          + "cache parser oven sink walk index config error.\n";
  private final String withCoAuthor =
      withBody + "\nCo-authored-by: Ada Lovelace <ada.lovelace0@users.noreply.github.com>\n";

  /** A one-line message, the commonest case. */
  @Benchmark
  public CommitRecord subjectOnly() {
    return CommitRecord.of(id, parents, author, author, subjectOnly);
  }

  /** A subject and a body paragraph, no trailers. */
  @Benchmark
  public CommitRecord withBody() {
    return CommitRecord.of(id, parents, author, author, withBody);
  }

  /** A body and a {@code Co-authored-by} trailer. */
  @Benchmark
  public CommitRecord withCoAuthor() {
    return CommitRecord.of(id, parents, author, author, withCoAuthor);
  }
}
