package dev.pizza.jgit;

import dev.pizza.PizzaException;
import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a bare mirror of a remote's branches and tags: a clone is an empty bare repository plus a
 * fetch, and every fetch takes forced updates and prunes refs the remote deleted. The remote's URL
 * is never written into the repository's config, so no credential can land on disk.
 */
final class RemoteMirror {
  static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
  static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

  private final TransferSettings settings;

  RemoteMirror(TransferSettings settings) {
    this.settings = settings;
  }

  /** Makes {@code directory} (empty) a complete bare mirror of {@code url}. */
  void cloneInto(RepositoryUrl url, Path directory, ProgressListener progress)
      throws PizzaException {
    try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
      fetch(git.getRepository(), url, progress);
    } catch (GitAPIException e) {
      throw TransferFailures.classify(url, e);
    }
  }

  /** Fetches {@code url} into {@code repository}: forced updates, deleted refs pruned. */
  void fetch(Repository repository, RepositoryUrl url, ProgressListener progress)
      throws PizzaException {
    FetchResult result;
    try {
      result =
          Git.wrap(repository)
              .fetch()
              .setRemote(url.transportUrl())
              .setRefSpecs(BRANCHES, TAGS)
              .setTagOpt(TagOpt.NO_TAGS)
              .setRemoveDeletedRefs(true)
              .setTimeout(settings.timeoutSeconds())
              .setCredentialsProvider(settings.credentialsFor(url))
              .setProgressMonitor(new TransferProgress(url.id(), progress))
              .call();
    } catch (GitAPIException | RuntimeException e) {
      throw TransferFailures.classify(url, e);
    }
    try {
      pointHead(repository, result);
    } catch (IOException e) {
      throw TransferFailures.storage(url, e);
    }
  }

  /** Points HEAD at the remote's default branch, as a clone does. */
  private static void pointHead(Repository repository, FetchResult result) throws IOException {
    String target = remoteDefaultBranch(result);
    if (target == null || repository.exactRef(target) == null) {
      return;
    }
    Ref head = repository.exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic() && head.getTarget().getName().equals(target)) {
      return;
    }
    RefUpdate update = repository.updateRef(Constants.HEAD);
    update.disableRefLog();
    update.link(target);
  }

  private static @Nullable String remoteDefaultBranch(FetchResult result) {
    Ref head = result.getAdvertisedRef(Constants.HEAD);
    if (head == null) {
      return null;
    }
    if (head.isSymbolic()) {
      return head.getTarget().getName();
    }
    ObjectId id = head.getObjectId();
    Collection<Ref> advertised = result.getAdvertisedRefs();
    String found = null;
    for (Ref r : advertised) {
      if (r.getName().startsWith(Constants.R_HEADS) && id != null && id.equals(r.getObjectId())) {
        if (found == null || r.getName().equals("refs/heads/main") || r.getName().equals("refs/heads/master")) {
          found = r.getName();
        }
      }
    }
    return found;
  }
}
