package dev.pizza.jgit;

import dev.pizza.CommitId;
import dev.pizza.cache.Lease;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.jgit.internal.walk.GitCommitSource;
import dev.pizza.jgit.internal.walk.VerifiedLayers;
import dev.pizza.spi.Acquisition;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.OpenedRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/** A repository opened for one bake: its refs read once, its lease held until closed. */
final class GitOpenedRepository implements OpenedRepository {
  private final Repository repository;
  private final @Nullable Lease lease;
  private final Acquisition acquisition;
  private final Map<String, CommitId> tips;
  private final @Nullable String defaultBranch;
  private final GitCommitSource commits;

  GitOpenedRepository(
      Repository repository,
      @Nullable Lease lease,
      Acquisition acquisition,
      @Nullable Path generations,
      VerifiedLayers verifiedLayers)
      throws IOException {
    this.repository = repository;
    this.lease = lease;
    this.acquisition = acquisition;
    this.tips = readTips(repository);
    this.defaultBranch = readDefaultBranch(repository);
    this.commits = new GitCommitSource(repository, generations, verifiedLayers);
  }

  /** Reads every branch and tag, peeled to the commit it names; skips refs naming no commit. */
  static Map<String, CommitId> readTips(Repository repository) throws IOException {
    Map<String, CommitId> tips = new TreeMap<>();
    RefDatabase refs = repository.getRefDatabase();
    try (ObjectSource objects = ObjectSources.open(repository)) {
      for (Ref ref : refs.getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
        ObjectId target = ref.getObjectId();
        ObjectId commit = target == null ? null : ObjectSources.peelToCommit(objects, target);
        if (commit != null) {
          tips.put(ref.getName(), Ids.commitId(commit));
        }
      }
    }
    return Collections.unmodifiableMap(tips);
  }

  private static @Nullable String readDefaultBranch(Repository repository) throws IOException {
    Ref head = repository.exactRef(Constants.HEAD);
    if (head != null
        && head.isSymbolic()
        && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
      return head.getTarget().getName();
    }
    return null;
  }

  @Override
  public Acquisition acquisition() {
    return acquisition;
  }

  @Override
  public Map<String, CommitId> tips() {
    return tips;
  }

  @Override
  public Optional<String> defaultBranch() {
    return Optional.ofNullable(defaultBranch);
  }

  @Override
  public CommitSource commits() {
    return commits;
  }

  @Override
  public void close() {
    commits.close();
    repository.close();
    if (lease != null) {
      lease.close();
    }
  }
}
