package dev.pizza;

import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.InvalidRepositoryUrlException;
import dev.pizza.errors.LocalAccessDeniedException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.SinkException;
import dev.pizza.spi.RepositoryBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Bakes repositories: clones or fetches one, walks exactly the commits its sink has not seen, and
 * hands them to the sink. Thread safe; configure it once and share it.
 *
 * <pre>{@code
 * try (PizzaOven oven = PizzaOven.builder()
 *     .backend(JGitBackend.builder().storeDirectory(Path.of("/var/cache/pizza")).build())
 *     .build()) {
 *   BakeResult result = oven.bake("https://github.com/open-sauced/pizza", sink);
 * }
 * }</pre>
 *
 * <p>Exactness: every commit reachable from the repository's branches and tags (or its default
 * branch, see {@link RefScope}) reaches the sink once over any sequence of successful bakes,
 * whatever its date; see {@link CommitSink} for the delivery contract.
 */
public final class PizzaOven implements AutoCloseable {
  private final RepositoryBackend backend;
  private final RefScope refScope;
  private final int batchSize;
  private final boolean allowLocal;
  private final ProgressListener progress;
  private final RepositoryLocks locks = new RepositoryLocks();
  private final int parallelism;
  private final CheckpointPolicy checkpoints;
  private final Mailmap mailmap;

  private PizzaOven(Builder b, RepositoryBackend backend) {
    this.backend = backend;
    this.refScope = b.refScope;
    this.batchSize = b.batchSize;
    this.allowLocal = b.allowLocal;
    this.progress = b.progress;
    this.parallelism = b.parallelism;
    this.checkpoints = b.checkpoints;
    this.mailmap = b.mailmap;
  }

  /** Returns a builder; {@link Builder#backend} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Bakes the repository at {@code url} into {@code sink}.
   *
   * @param url a repository URL or, when allowed, a local path (see {@link RepositoryUrl})
   * @return what the bake did
   * @throws InvalidRepositoryUrlException if the URL is malformed; nothing was changed
   * @throws LocalAccessDeniedException if the URL names the local disk and that is not allowed
   * @throws SinkException if the sink threw; its checkpoint was not advanced
   * @throws PizzaException for the other failures each subclass names
   */
  public BakeResult bake(String url, CommitSink sink) throws PizzaException {
    return bake(RepositoryUrl.parse(url), sink);
  }

  /** Bakes {@code url} into {@code sink}; see {@link #bake(String, CommitSink)}. */
  public BakeResult bake(RepositoryUrl url, CommitSink sink) throws PizzaException {
    return bake(url, sink, progress);
  }

  /**
   * Bakes with a listener of this bake's own progress, which may also cancel it. Bakes of one
   * repository through this oven run one at a time (a second waits for the first); bakes of
   * different repositories run in parallel.
   */
  public BakeResult bake(RepositoryUrl url, CommitSink sink, ProgressListener listener)
      throws PizzaException {
    if (url.kind() != RepositoryUrl.Kind.REMOTE && !allowLocal) {
      throw new LocalAccessDeniedException(
          "reading the local file system is not allowed for "
              + url
              + " (enable it with PizzaOven.Builder.allowLocalRepositories)");
    }
    java.util.concurrent.locks.ReentrantLock lock = locks.lock(url.id());
    try {
      return new Bake(backend, url, sink, listener, refScope, batchSize, checkpoints, mailmap)
          .run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Bakes every repository of {@code urls} into {@code sink}, at most {@link Builder#parallelism}
   * at once, and returns one outcome per URL in the order given. A failing repository does not stop
   * the others: its outcome holds the exception {@link #bake(String, CommitSink)} would have
   * thrown. The same repository listed twice is baked twice, one after the other, never at once.
   * Blocks until all are done.
   *
   * <p>The sink receives bakes of different repositories from several threads at once: it must be
   * thread safe (see {@link CommitSink}). Interrupting the calling thread cancels the bakes still
   * running or waiting; their outcomes are {@link BakeCancelledException} failures.
   *
   * @throws RuntimeException what a bake threw that is not a {@link PizzaException} (a bug), after
   *     every other bake has finished
   */
  public List<BakeOutcome> bakeAll(List<String> urls, CommitSink sink) {
    int n = urls.size();
    BakeOutcome[] outcomes = new BakeOutcome[n];
    // Group the indexes by repository, so one repository is never baked twice at once.
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    RepositoryUrl[] parsed = new RepositoryUrl[n];
    for (int i = 0; i < n; i++) {
      try {
        parsed[i] = RepositoryUrl.parse(urls.get(i));
        groups.computeIfAbsent(parsed[i].id().key(), k -> new ArrayList<>()).add(i);
      } catch (InvalidRepositoryUrlException e) {
        outcomes[i] = new BakeOutcome.Failed(RepositoryUrl.redact(urls.get(i)), e);
      }
    }
    if (groups.isEmpty()) {
      return List.of(outcomes);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, groups.size()),
            r -> {
              Thread t = new Thread(r, "pizza-bake-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (List<Integer> group : groups.values()) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i : group) {
                    RepositoryUrl url = parsed[i];
                    try {
                      outcomes[i] = new BakeOutcome.Baked(url.toString(), bake(url, sink));
                    } catch (PizzaException e) {
                      outcomes[i] = new BakeOutcome.Failed(url.toString(), e);
                    }
                  }
                  return null;
                }));
      }
      RuntimeException bug = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          pool.shutdownNow();
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          if (bug == null && e.getCause() instanceof RuntimeException r) {
            bug = r;
          }
        }
      }
      if (bug != null) {
        throw bug;
      }
    } finally {
      pool.shutdownNow();
    }
    List<BakeOutcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BakeOutcome o = outcomes[i];
      out.add(
          o != null
              ? o
              : new BakeOutcome.Failed(
                  parsed[i] == null ? RepositoryUrl.redact(urls.get(i)) : parsed[i].toString(),
                  new BakeCancelledException("the bake of " + parsed[i] + " was cancelled")));
    }
    return List.copyOf(out);
  }

  /** Closes the backend. */
  @Override
  public void close() {
    backend.close();
  }

  /** Configures a {@link PizzaOven}. Not thread safe. */
  public static final class Builder {
    private @Nullable RepositoryBackend backend;
    private RefScope refScope = RefScope.BRANCHES_AND_TAGS;
    private int batchSize = 1000;
    private boolean allowLocal;
    private ProgressListener progress = ProgressListener.NONE;
    private int parallelism = 2;
    private CheckpointPolicy checkpoints = CheckpointPolicy.DEFAULT;
    private Mailmap mailmap = Mailmap.EMPTY;

    private Builder() {}

    /**
     * Sets a mailmap applied to every bake after the repository's own {@code .mailmap} (as git
     * applies {@code mailmap.file} after it): its lines win where the two disagree. Records then
     * carry the mapped identities beside the written ones (see {@link CommitRecord}). Default
     * {@link Mailmap#EMPTY}: the repository's {@code .mailmap} alone.
     */
    public Builder mailmap(Mailmap mailmap) {
      this.mailmap = Objects.requireNonNull(mailmap);
      return this;
    }

    /**
     * Sets when a bake saves an intermediate checkpoint (see {@link Checkpoint} and {@link
     * CommitSink}): after the first batch that brings the commits delivered since the last save to
     * {@code commits} or more, or that ends {@code time} or more after it; default 10,000 commits
     * or 10 seconds. {@code commits} 0 saves never by count, {@link Duration#ZERO} never by time;
     * both turn intermediate checkpoints off (see {@link #noIntermediateCheckpoints()}). Each costs
     * a sink call, not a walk: commits are delivered in the source's one-pass order either way.
     *
     * @throws IllegalArgumentException if {@code commits} or {@code time} is negative
     */
    public Builder intermediateCheckpoints(long commits, Duration time) {
      this.checkpoints = new CheckpointPolicy(commits, Objects.requireNonNull(time));
      return this;
    }

    /**
     * Saves a checkpoint only when a bake finishes, as a sink that cannot keep a bake open across
     * several {@link CommitSink#saveCheckpoint} calls needs; an interrupted bake is then delivered
     * again from its start.
     */
    public Builder noIntermediateCheckpoints() {
      this.checkpoints = CheckpointPolicy.NEVER;
      return this;
    }

    /**
     * Sets how many repositories {@link PizzaOven#bakeAll} bakes at once; default 2. Each bake
     * holds a clone or fetch and a commit walk, so this bounds network, disk and memory use.
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** Sets the git implementation (required), such as the jgit-adapter's {@code JGitBackend}. */
    public Builder backend(RepositoryBackend backend) {
      this.backend = Objects.requireNonNull(backend);
      return this;
    }

    /** Sets which refs count as history; default {@link RefScope#BRANCHES_AND_TAGS}. */
    public Builder refScope(RefScope refScope) {
      this.refScope = Objects.requireNonNull(refScope);
      return this;
    }

    /**
     * Sets how many records a sink receives per {@link CommitSink#accept} call at most; default
     * 1000. A batch whose messages or file changes are large (4 million chars in all) is handed
     * over sooner.
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Allows {@code file://} URLs and local paths. Off by default: a URL from outside must not read
     * the local disk. A command-line tool turns it on.
     */
    public Builder allowLocalRepositories(boolean allow) {
      this.allowLocal = allow;
      return this;
    }

    /** Sets the listener of every bake's progress; default {@link ProgressListener#NONE}. */
    public Builder progressListener(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Returns the oven.
     *
     * @throws IllegalStateException if no backend was set
     */
    public PizzaOven build() {
      if (backend == null) {
        throw new IllegalStateException("a backend is required: call backend(..) before build()");
      }
      return new PizzaOven(this, backend);
    }
  }
}
