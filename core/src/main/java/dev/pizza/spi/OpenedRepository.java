package dev.pizza.spi;

import dev.pizza.CommitId;
import dev.pizza.Mailmap;
import java.util.Map;
import java.util.Optional;

/**
 * A repository made ready for a bake by a {@link RepositoryBackend}: cloned or fetched, and held
 * (leased) until closed so that no one deletes it meanwhile.
 */
public interface OpenedRepository extends AutoCloseable {

  /** Returns how the repository's objects were obtained for this bake. */
  Acquisition acquisition();

  /**
   * Returns the current tips: every branch and every tag, by full ref name, to the commit it names
   * (annotated tags peeled). Refs that name no commit (a tag of a tree or blob) are left out.
   */
  Map<String, CommitId> tips();

  /** Returns the default branch's full ref name ({@code refs/heads/main}), if it has one. */
  Optional<String> defaultBranch();

  /**
   * Returns the repository's own mailmap: its {@code .mailmap} file at {@code HEAD}, as git reads
   * it in a bare repository ({@code mailmap.blob=HEAD:.mailmap}). The default, and what a backend
   * returns when the repository has no such file or it cannot get its contents (a mirror without
   * trees or blobs whose server refuses them), is {@link Mailmap#EMPTY}. Called once per bake,
   * after the refs are read; may block on a small fetch. Never throws: a mailmap that cannot be
   * read is logged and left out, as git leaves it out.
   */
  default Mailmap mailmap() {
    return Mailmap.EMPTY;
  }

  /** Returns the commits of the repository. Valid until {@link #close()}. */
  CommitSource commits();

  /** Releases the repository. Never throws. */
  @Override
  void close();
}
