package dev.pizza.jgit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Open handles of local repositories (read in place), kept between bakes so that polling a
 * repository does not re-read its configuration and re-create its ref database each time: a bounded
 * Caffeine cache, least valuable handles closed first, idle ones after ten minutes.
 *
 * <p>JGit counts the users of a {@link Repository}: the cache holds one use, and every {@link
 * #open} hands out another that the caller closes; a handle is really closed when the cache has
 * dropped it and the last caller is done. Thread safe.
 */
final class LocalRepositories implements AutoCloseable {
  private final Cache<Path, Repository> handles =
      Caffeine.newBuilder()
          .maximumSize(64)
          .expireAfterAccess(Duration.ofMinutes(10))
          .executor(Runnable::run) // close dropped handles on the caller's thread, not a pool's
          .<Path, Repository>removalListener(
              (dir, repository, cause) -> {
                if (repository != null) {
                  synchronized (repository) {
                    repository.close();
                  }
                }
              })
          .build();

  /** Returns a use of the repository at {@code key}, built by {@code builder} if not held. */
  Repository open(Path key, FileRepositoryBuilder builder) throws IOException {
    while (true) {
      Repository repository;
      try {
        repository =
            handles.get(
                key,
                k -> {
                  try {
                    return builder.build();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      synchronized (repository) {
        // The cache may have dropped (and closed) it between get and here: then take it again.
        if (handles.asMap().get(key) == repository) {
          repository.incrementOpen();
          return repository;
        }
      }
    }
  }

  /** Drops the handle of {@code key}, for instance after it failed to read. */
  void forget(Path key) {
    handles.invalidate(key);
  }

  @Override
  public void close() {
    handles.invalidateAll();
    handles.cleanUp();
  }
}
