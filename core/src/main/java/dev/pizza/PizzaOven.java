package dev.pizza;

import java.util.Objects;
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

  private PizzaOven(Builder b, RepositoryBackend backend) {
    this.backend = backend;
    this.refScope = b.refScope;
    this.batchSize = b.batchSize;
    this.allowLocal = b.allowLocal;
    this.progress = b.progress;
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

  /** Bakes with a listener of this bake's own progress, which may also cancel it. */
  public BakeResult bake(RepositoryUrl url, CommitSink sink, ProgressListener listener)
      throws PizzaException {
    if (url.kind() != RepositoryUrl.Kind.REMOTE && !allowLocal) {
      throw new LocalAccessDeniedException(
          "reading the local file system is not allowed for " + url
              + " (enable it with PizzaOven.Builder.allowLocalRepositories)");
    }
    return new Bake(backend, url, sink, listener, refScope, batchSize).run();
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

    private Builder() {}

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

    /** Sets how many records a sink receives per {@link CommitSink#accept} call; default 1000. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Allows {@code file://} URLs and local paths. Off by default: a URL from outside must not
     * read the local disk. A command-line tool turns it on.
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
