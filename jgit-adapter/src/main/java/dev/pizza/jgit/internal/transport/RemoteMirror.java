package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryUrl;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.TransferException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.FilterSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bare mirror of a remote's branches and tags: a clone is an empty bare repository plus a
 * fetch, and every fetch takes forced updates and prunes refs the remote deleted. The remote's URL
 * is never written into the repository's config, so no credential can land on disk.
 *
 * <p>A mirror may be <em>treeless</em>: fetched with the partial-clone filter {@code tree:0}, it
 * holds commits and annotated tags only, which is all a commit walk reads (and, fetched by id
 * through {@link #fetchObjects}, the few trees and blobs the backend asks for: HEAD's root tree and
 * {@code .mailmap}). Its filter is recorded in its config ({@value #FILTER_KEY}) and in the store
 * entry's attributes ({@value #FILTER_ATTRIBUTE}); later fetches use the same filter. A server that
 * cannot filter is asked again without the filter, and the mirror is then recorded as full.
 *
 * <p>Durability: objects and refs are fsynced ({@code core.fsyncObjectFiles}, {@code
 * core.fsyncRefFiles}, both honoured by JGit). Automatic gc is off ({@code gc.auto=0}, {@code
 * receive.autogc=false}, {@code fetch.autogc=false}): the store owns the mirror's directory.
 */
public final class RemoteMirror {
  private static final Logger log = LoggerFactory.getLogger(RemoteMirror.class);

  static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
  static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

  /** The filter of a treeless mirror. */
  public static final String TREELESS = "tree:0";

  /** Recorded when no filter was applied; given to {@link #fetchObjects}, asks for no filter. */
  public static final String NO_FILTER = "none";

  /** The store attribute that says how an entry was cloned. */
  public static final String FILTER_ATTRIBUTE = "filter";

  /** The mirror's config key that says how it was cloned: section pizza, name filter. */
  static final String FILTER_KEY = "pizza.filter";

  private final TransferSettings settings;

  public RemoteMirror(TransferSettings settings) {
    this.settings = settings;
  }

  /**
   * Makes {@code directory} (empty) a complete bare mirror of {@code url}.
   *
   * @param treeless whether to ask for commits and tags only
   * @param growth checked as the received pack grows (see {@link PackGrowth}); its failure stops
   *     the clone and is thrown
   * @return the store attributes: {@value #FILTER_ATTRIBUTE} = the filter actually applied
   */
  public Map<String, String> cloneInto(
      RepositoryUrl url,
      Path directory,
      boolean treeless,
      ProgressListener progress,
      GrowthCheck growth)
      throws PizzaException {
    try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
      Repository repository = git.getRepository();
      configure(repository, treeless ? TREELESS : NO_FILTER, url);
      fetch(repository, url, progress, growth);
      return Map.of(FILTER_ATTRIBUTE, filterOf(repository));
    } catch (GitAPIException e) {
      throw TransferFailures.classify(url, e, Cancellation.requested(progress));
    }
  }

  /** Returns the filter {@code repository} was cloned with: {@value #TREELESS} or "none". */
  public static String filterOf(Repository repository) {
    String f = repository.getConfig().getString("pizza", null, "filter");
    return f == null ? NO_FILTER : f;
  }

  private static void configure(Repository repository, String filter, RepositoryUrl url)
      throws PizzaException {
    StoredConfig config = repository.getConfig();
    config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncObjectFiles", true);
    config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, "fsyncRefFiles", true);
    config.setString("pizza", null, "filter", filter);
    // The store owns a mirror's life: no automatic gc (which JGit may start after a fetch, and
    // which then races the store moving or evicting the directory).
    config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
    config.setBoolean("receive", null, "autogc", false);
    config.setBoolean("fetch", null, "autogc", false);
    try {
      config.save();
    } catch (IOException e) {
      throw TransferFailures.storage(url, e);
    }
  }

  /** Fetches {@code url} into {@code repository}: forced updates, deleted refs pruned. */
  public void fetch(Repository repository, RepositoryUrl url, ProgressListener progress)
      throws PizzaException {
    fetch(repository, url, progress, GrowthCheck.NONE);
  }

  private void fetch(
      Repository repository, RepositoryUrl url, ProgressListener progress, GrowthCheck growth)
      throws PizzaException {
    if (Cancellation.requested(progress)) {
      throw Cancellation.failure(url);
    }
    // JGit starts a background auto-gc after every fetch unless fetch.autogc is false; mirrors
    // cloned before that key was written get it in memory, so no thread touches the directory
    // after the fetch returns (it raced the store's evictions and moves).
    repository.getConfig().setBoolean("fetch", null, "autogc", false);
    String filter = filterOf(repository);
    FetchResult result;
    try {
      result = fetchWith(repository, url, progress, growth, filter, List.of());
    } catch (FilterRefused e) {
      log.info("{}: the server cannot filter objects; fetching them all", url);
      if (repository.getObjectDatabase().exists() && isEmpty(repository)) {
        configure(repository, NO_FILTER, url);
      }
      filter = NO_FILTER;
      result = fetchWith(repository, url, progress, growth, filter, List.of());
    }
    try {
      List<String> refused = RefOutcome.refused(result);
      if (!refused.isEmpty() && !filter.equals(NO_FILTER)) {
        // Tags of trees or blobs: the filter left their objects out, and JGit then refused the
        // whole batch of ref updates. A commit walk has no use for them: fetch without them.
        List<String> skip = RefOutcome.withMissingTargets(repository, result);
        if (!skip.isEmpty()) {
          log.info("{}: leaving out {} refs that name trees or blobs", url, skip.size());
          result = fetchWith(repository, url, progress, growth, filter, skip);
          RefOutcome.delete(repository, skip);
          refused = RefOutcome.refused(result);
        }
      }
      if (!refused.isEmpty()) {
        throw new TransferException(
            "the server's answer lacked objects for "
                + refused.size()
                + " refs of "
                + url
                + "; they were not updated (first: "
                + refused.get(0)
                + ")");
      }
      pointHead(repository, result);
    } catch (IOException e) {
      throw TransferFailures.storage(url, e);
    }
  }

  /**
   * Fetches objects the mirror lacks by their ids (a tree or blob of a treeless mirror), with
   * {@code filter} ({@value #NO_FILTER} for none), moving and pruning no ref. The server must let a
   * client want objects it did not advertise, as protocol v2 servers (git's, GitHub's, JGit's) do
   * for reachable ones; the objects stay unreferenced in the mirror until it is cloned again.
   */
  public void fetchObjects(
      Repository repository,
      RepositoryUrl url,
      ProgressListener progress,
      List<ObjectId> ids,
      String filter)
      throws PizzaException {
    List<RefSpec> wants = new ArrayList<>();
    for (ObjectId id : ids) {
      wants.add(new RefSpec(id.name()));
    }
    fetchWith(repository, url, progress, GrowthCheck.NONE, filter, wants, false);
  }

  /** Fetches with {@code filter}, leaving out the refs named in {@code skip}. */
  private FetchResult fetchWith(
      Repository repository,
      RepositoryUrl url,
      ProgressListener progress,
      GrowthCheck growth,
      String filter,
      List<String> skip)
      throws PizzaException {
    return fetchWith(repository, url, progress, growth, filter, specs(skip), true);
  }

  /**
   * Fetches {@code refSpecs} with {@code filter}, checking {@code growth} as the pack grows; {@code
   * prune} deletes refs the remote lost.
   */
  private FetchResult fetchWith(
      Repository repository,
      RepositoryUrl url,
      ProgressListener progress,
      GrowthCheck growth,
      String filter,
      List<RefSpec> refSpecs,
      boolean prune)
      throws PizzaException {
    FilterSpec spec;
    try {
      spec = filter.equals(NO_FILTER) ? FilterSpec.NO_FILTER : FilterSpec.fromFilterLine(filter);
    } catch (PackProtocolException e) {
      throw new RepositoryStorageException(
          "the mirror of " + url + " records an invalid filter (" + FILTER_KEY + ")");
    }
    TransferWatchdog.Activity activity = new TransferWatchdog.Activity();
    // JGit's own timeout is the first line; the watchdog, a little later, catches what it misses.
    Duration idleLimit = settings.timeout().plusSeconds(2);
    Path objects = repository.getDirectory().toPath().resolve("objects");
    PackGrowth packGrowth = growth == GrowthCheck.NONE ? null : new PackGrowth(objects, growth);
    return TransferWatchdog.run(
        url,
        () -> fetchOnce(repository, url, progress, spec, refSpecs, prune, activity, packGrowth),
        activity,
        idleLimit,
        progress,
        new ReceivedBytes(objects, url.id(), progress));
  }

  private static List<RefSpec> specs(List<String> skip) {
    List<RefSpec> specs = new ArrayList<>(List.of(BRANCHES, TAGS));
    for (String name : skip) {
      specs.add(new RefSpec("^" + name));
    }
    return specs;
  }

  private FetchResult fetchOnce(
      Repository repository,
      RepositoryUrl url,
      ProgressListener progress,
      FilterSpec spec,
      List<RefSpec> refSpecs,
      boolean prune,
      TransferWatchdog.Activity activity,
      @Nullable PackGrowth growth)
      throws PizzaException {
    SshRefusals refusals = url.toString().startsWith("ssh://") ? new SshRefusals() : null;
    SshdSessionFactory ssh =
        refusals != null ? SshSessions.forTransfer(settings, url, refusals) : null;
    try {
      FetchResult result =
          Git.wrap(repository)
              .fetch()
              .setRemote(url.transportUrl())
              .setRefSpecs(refSpecs)
              .setTagOpt(TagOpt.NO_TAGS)
              .setRemoveDeletedRefs(prune)
              // A treeless mirror lacks trees by design: never walk objects to check connectivity.
              .setCheckFetchedObjects(false)
              .setTimeout(settings.timeoutSeconds())
              .setCredentialsProvider(settings.credentialsFor(url))
              .setProgressMonitor(new TransferProgress(url.id(), progress, activity, growth))
              .setTransportConfigCallback(
                  t -> {
                    t.setFilterSpec(spec);
                    settings.configure(t, url, ssh);
                  })
              .call();
      throwIfStopped(growth);
      return result;
    } catch (GitAPIException | RuntimeException e) {
      throwIfStopped(growth); // JGit's "cancelled" was the failed growth check
      if (!spec.isNoOp() && isFilterRefused(e)) {
        throw new FilterRefused();
      }
      PizzaException failure = TransferFailures.classify(url, e, Cancellation.requested(progress));
      if (failure instanceof TransferException && FormatProbe.servesSha256(url, settings, ssh)) {
        throw TransferFailures.unsupportedFormat(url, "SHA-256");
      }
      throw refusals != null ? refusals.explain(failure, url) : failure;
    } finally {
      if (ssh != null) {
        ssh.close();
      }
    }
  }

  private static void throwIfStopped(@Nullable PackGrowth growth) throws PizzaException {
    PizzaException failure = growth == null ? null : growth.failure();
    if (failure != null) {
      throw failure;
    }
  }

  private static boolean isFilterRefused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PackProtocolException
          && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("filter requires")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmpty(Repository repository) {
    try {
      return repository.getRefDatabase().getRefs().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** The server does not advertise the filter capability; thrown to ask again without. */
  private static final class FilterRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FilterRefused() {
      super("the server does not support the filter capability", null, false, false);
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
        if (found == null
            || r.getName().equals("refs/heads/main")
            || r.getName().equals("refs/heads/master")) {
          found = r.getName();
        }
      }
    }
    return found;
  }
}
