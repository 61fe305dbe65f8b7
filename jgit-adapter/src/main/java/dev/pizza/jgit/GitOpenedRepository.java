package dev.pizza.jgit;

import dev.pizza.CommitId;
import dev.pizza.Mailmap;
import dev.pizza.cache.Lease;
import dev.pizza.jgit.internal.diff.DiffOptions;
import dev.pizza.jgit.internal.diff.LineStatsSource;
import dev.pizza.jgit.internal.pack.Ids;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.pack.ObjectSource;
import dev.pizza.jgit.internal.pack.ObjectSources;
import dev.pizza.jgit.internal.walk.FinishingWalks;
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
import org.eclipse.jgit.internal.storage.file.RefDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;

/** A repository opened for one bake: its refs read once, its lease held until closed. */
final class GitOpenedRepository implements OpenedRepository {
  private final @Nullable Repository repository;
  private final @Nullable Lease lease;
  private final Acquisition acquisition;
  private final Map<String, CommitId> tips;
  private final @Nullable String defaultBranch;
  private final GitCommitSource walk;
  private final CommitSource commits;
  private final HeadMailmap.Reader mailmap;
  private final HeadMailmap.@Nullable KnownHead head;
  private final FinishingWalks finishing;

  /** A SHA-1 repository opened by JGit, whose refs JGit reads. */
  GitOpenedRepository(
      Repository repository,
      @Nullable Lease lease,
      Acquisition acquisition,
      @Nullable Path generations,
      VerifiedLayers verifiedLayers,
      FinishingWalks finishing,
      HeadMailmap.Reader mailmap,
      @Nullable DiffOptions stats)
      throws IOException {
    this.repository = repository;
    this.finishing = finishing;
    this.mailmap = mailmap;
    this.lease = lease;
    this.acquisition = acquisition;
    PlainRefs.Listing listing = listExactly(repository);
    if (listing != null) {
      this.tips = readTips(repository, listing.refs());
      this.defaultBranch = listing.defaultBranch();
      String headId = listing.headId();
      this.head = new HeadMailmap.KnownHead(headId == null ? null : ObjectId.fromString(headId));
    } else {
      this.head = null;
      this.tips = readTips(repository);
      this.defaultBranch = readDefaultBranch(repository);
    }
    ObjectSources.Opener opener = bytes -> ObjectSources.open(repository, bytes);
    this.walk =
        new GitCommitSource(
            opener,
            ObjectFormat.SHA1,
            ObjectSources.isShallow(repository),
            generations,
            verifiedLayers,
            finishing);
    this.commits = stats == null ? walk : new LineStatsSource(walk, opener, stats);
  }

  /**
   * A local repository read from its files alone, refs included: one JGit cannot read (SHA-256).
   */
  GitOpenedRepository(
      GitDirectory dir,
      ObjectFormat format,
      @Nullable Path generations,
      VerifiedLayers verifiedLayers,
      FinishingWalks finishing,
      @Nullable DiffOptions stats)
      throws IOException {
    this.repository = null;
    this.finishing = finishing;
    this.mailmap = known -> Mailmap.EMPTY;
    this.head = null;
    this.lease = null;
    this.acquisition = Acquisition.READ_IN_PLACE;
    RefFiles refs = RefFiles.open(dir, format);
    Map<String, CommitId> found = new TreeMap<>();
    int[] w = new int[ObjectFormat.MAX_WORDS];
    try (ObjectSource objects = ObjectSources.open(dir.objects(), format)) {
      for (Map.Entry<String, String> ref : refs.branchesAndTags().entrySet()) {
        Ids.toWords(ref.getValue(), format, w, 0);
        int pos = ObjectSources.peelToCommit(objects, w);
        if (pos >= 0) {
          found.put(ref.getKey(), new CommitId(objects.name(pos)));
        }
      }
    }
    this.tips = Collections.unmodifiableMap(found);
    String head = refs.headTarget();
    this.defaultBranch = head != null && head.startsWith(Constants.R_HEADS) ? head : null;
    ObjectSources.Opener opener = bytes -> ObjectSources.open(dir.objects(), format, bytes);
    this.walk =
        new GitCommitSource(
            opener, format, dir.isShallow(), generations, verifiedLayers, finishing);
    this.commits = stats == null ? walk : new LineStatsSource(walk, opener, stats);
  }

  /**
   * Lists the refs of a repository kept in files from the files themselves, as JGit's ref directory
   * would (see {@link PlainRefs}); null when JGit must read them.
   *
   * @throws IOException if a ref file is a pipe, a device or a socket, which JGit's reading would
   *     wait on forever
   */
  static PlainRefs.@Nullable Listing listExactly(Repository repository) throws IOException {
    if (!(repository.getRefDatabase() instanceof RefDirectory)
        || repository.getDirectory() == null
        || repository.getCommonDirectory() == null) {
      return null;
    }
    return PlainRefs.list(
        new GitDirectory(
            repository.getDirectory().toPath(), repository.getCommonDirectory().toPath()));
  }

  /** Reads the tips {@code listed} names as {@link #readTips(Repository)} reads JGit's refs. */
  static Map<String, CommitId> readTips(Repository repository, Map<String, PlainRefs.Listed> listed)
      throws IOException {
    Map<String, CommitId> tips = new TreeMap<>();
    int[] w = new int[ObjectFormat.MAX_WORDS];
    try (ObjectSource objects = ObjectSources.open(repository)) {
      for (Map.Entry<String, PlainRefs.Listed> e : listed.entrySet()) {
        PlainRefs.Listed ref = e.getValue();
        Ids.toWords(ref.id(), ObjectFormat.SHA1, w, 0);
        int pos =
            tip(
                objects,
                w,
                ref.isPeeled(),
                ref.peeled() == null ? null : ObjectId.fromString(ref.peeled()));
        if (pos >= 0) {
          tips.put(e.getKey(), new CommitId(objects.name(pos)));
        }
      }
    }
    return Collections.unmodifiableMap(tips);
  }

  /**
   * Reads every branch and tag, peeled to the commit it names; skips refs naming no commit. A ref
   * that {@code packed-refs} lists as peeled (git writes a {@code ^} line after each annotated tag
   * when it packs refs) is not followed through its tag object: the line names the object the tag
   * points at, and only that object's type is read. rails' 478 annotated tags of 634 refs cost a
   * tag read and inflation each before.
   */
  static Map<String, CommitId> readTips(Repository repository) throws IOException {
    Map<String, CommitId> tips = new TreeMap<>();
    RefDatabase refs = repository.getRefDatabase();
    int[] w = new int[ObjectFormat.MAX_WORDS];
    try (ObjectSource objects = ObjectSources.open(repository)) {
      for (Ref ref : refs.getRefsByPrefix(Constants.R_HEADS, Constants.R_TAGS)) {
        ObjectId target = ref.getObjectId();
        if (target == null) {
          continue;
        }
        Ids.toWords(target, w, 0);
        int pos = tip(objects, w, ref.isPeeled(), ref.getPeeledObjectId());
        if (pos >= 0) {
          tips.put(ref.getName(), new CommitId(objects.name(pos)));
        }
      }
    }
    return Collections.unmodifiableMap(tips);
  }

  /**
   * Returns the position of the commit a ref naming the id in {@code w} leads to, or -1: through
   * its tag objects unless it is known peeled, else the peeled object named ({@code peeled}, null
   * for a ref naming no tag) when it is a commit.
   */
  private static int tip(ObjectSource objects, int[] w, boolean isPeeled, @Nullable ObjectId peeled)
      throws IOException {
    if (!isPeeled) {
      return ObjectSources.peelToCommit(objects, w);
    } else if (peeled == null) {
      return commitAt(objects, w);
    } else if (objects.locate(w, 0) < 0) {
      return -1; // the tag object itself is missing, as peelToCommit would find
    } else {
      Ids.toWords(peeled, w, 0);
      return commitAt(objects, w);
    }
  }

  /**
   * Returns the position of the object the id in {@code w} names if it is a commit, else -1: a
   * peeled ref's object, which is no tag, so only its type matters, and only its type is read (a
   * ref may name a blob of any size).
   */
  private static int commitAt(ObjectSource objects, int[] w) throws IOException {
    int pos = objects.locate(w, 0);
    if (pos < 0) {
      return -1;
    }
    return objects.type(pos) == Constants.OBJ_COMMIT ? pos : -1;
  }

  static @Nullable String readDefaultBranch(Repository repository) throws IOException {
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

  /**
   * Reads {@code HEAD:.mailmap} as the backend said (see {@link HeadMailmap}); a repository JGit
   * cannot read (SHA-256) has an empty mailmap.
   */
  @Override
  public Mailmap mailmap() {
    return mailmap.read(head);
  }

  @Override
  public CommitSource commits() {
    return commits;
  }

  @Override
  public void close() {
    walk.close();
    if (repository != null) {
      repository.close();
    }
    if (lease != null) {
      // The generations of a mirror lie in its directory: written before the lease ends. Those of
      // a repository read in place are awaited by the backend, before its next walk or its close.
      finishing.awaitAll();
      lease.close();
    }
  }
}
