package dev.pizza;

import dev.pizza.errors.BakeCancelledException;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.RepositoryStorageException;
import dev.pizza.errors.SinkException;
import dev.pizza.spi.CommitSource;
import dev.pizza.spi.CommitStream;
import dev.pizza.spi.OpenedRepository;
import dev.pizza.spi.RepositoryBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bake of one repository: the steps of the {@link CommitSink} contract, in order.
 *
 * <p>new = reachable(new tips) minus reachable(old tips); retracted = reachable(old tips) minus
 * reachable(new tips). Both are computed by the {@link CommitSource} from the graph alone.
 *
 * <p>Old tips are the tips of the sink's checkpoint. When it is intermediate, the bake first
 * finishes the unfinished one: it walks the range from the checkpoint's tips to its target again,
 * {@linkplain CommitStream#skip skips} the commits the sink holds and delivers the rest; the sink
 * then holds reachable(target), and the bake goes on from the target as from old tips. With
 * intermediate checkpoints on, after the retractions and after the batches the {@link
 * CheckpointPolicy} names, a checkpoint of the range walked and the count delivered is saved.
 */
final class Bake {
  private static final Logger log = LoggerFactory.getLogger(Bake.class);

  private final RepositoryBackend backend;
  private final RepositoryUrl url;
  private final RepositoryId id;
  private final CommitSink sink;
  private final ProgressListener progress;
  private final RefScope refScope;
  private final int batchSize;
  private final CheckpointPolicy policy;
  private final Mailmap extraMailmap;
  private @Nullable Mailmap mailmap;
  private Supplier<Mailmap> repoMailmap = () -> Mailmap.EMPTY;
  private long sinkNanos;
  private long lastSave = System.nanoTime();

  /** The source's order when intermediate checkpoints are saved, else empty. */
  private String order = "";

  Bake(
      RepositoryBackend backend,
      RepositoryUrl url,
      CommitSink sink,
      ProgressListener progress,
      RefScope refScope,
      int batchSize,
      CheckpointPolicy policy,
      Mailmap extraMailmap) {
    this.backend = backend;
    this.url = url;
    this.id = url.id();
    this.sink = sink;
    this.progress = progress;
    this.refScope = refScope;
    this.batchSize = batchSize;
    this.policy = policy;
    this.extraMailmap = extraMailmap;
  }

  BakeResult run() throws PizzaException {
    long start = System.nanoTime();
    Checkpoint old = callSink(() -> sink.checkpoint(id), "checkpoint");
    try (OpenedRepository repo = backend.open(url, progress)) {
      long acquired = System.nanoTime();
      Checkpoint next = new Checkpoint(scoped(repo));
      CommitSource source = repo.commits();
      repoMailmap = repo::mailmap;
      order = policy.enabled() ? source.order() : "";
      if (policy.enabled() && order.isEmpty()) {
        log.debug("{}: no intermediate checkpoints: the source's order is not repeatable", id);
      }
      boolean began = false;
      try {
        Set<CommitId> newTips = next.commits();
        boolean resync;
        if (old.isComplete()) {
          // The new tips were just read from the repository: only the others need looking up.
          Set<CommitId> gone = new HashSet<>(old.commits());
          gone.removeAll(newTips);
          resync = !allPresent(source, gone);
        } else {
          resync = !allPresent(source, values(old.target()));
          if (resync) {
            // What the unfinished bake delivered cannot be walked again, so which of it is still
            // reachable is unknown: only delivering everything again is exact.
            log.warn("{}: the interrupted bake's target commits are gone; resyncing", id);
          }
        }
        callSink(() -> sink.begin(id, old), "begin");
        began = true;
        long already = 0;
        long delivered = 0;
        Map<String, CommitId> base = old.tips();
        if (resync) {
          if (old.isComplete()) {
            log.info("{}: checkpoint commits are gone from the repository; resyncing", id);
          }
          callSink(() -> sink.resync(id), "resync");
          base = Map.of();
        } else if (!old.isComplete()) {
          Map<String, CommitId> present = present(source, old.tips());
          boolean repeatable = present.equals(old.tips()) && old.order().equals(source.order());
          already = repeatable ? old.delivered() : 0;
          if (!repeatable && old.delivered() > 0) {
            log.info(
                "{}: the interrupted bake cannot be resumed by count (order '{}', now '{}';"
                    + " {} of {} old tips present): delivering its {} commits again",
                id,
                old.order(),
                source.order(),
                present.size(),
                old.tips().size(),
                old.delivered());
          }
          delivered = deliverNew(source, present, old.target(), already, true);
          base = old.target();
        }
        Set<CommitId> baseCommits = values(base);
        Set<CommitId> gone = new HashSet<>(baseCommits);
        gone.removeAll(newTips);
        long retracted = 0;
        // Nothing is retracted when every old tip is still a tip, so no walk is needed then.
        if (!resync && !gone.isEmpty()) {
          retracted = deliverRetractions(source, baseCommits, newTips);
          if (retracted > 0 && !order.isEmpty() && !baseCommits.containsAll(newTips)) {
            Checkpoint after = Checkpoint.intermediate(base, next.tips(), 0, order);
            callSink(() -> sink.saveCheckpoint(id, after), "saveCheckpoint");
            lastSave = System.nanoTime();
          }
        }
        delivered += deliverNew(source, base, next.tips(), 0, false);
        checkCancelled();
        callSink(() -> sink.saveCheckpoint(id, next), "saveCheckpoint");
        long end = System.nanoTime();
        BakeResult.Timings timings =
            new BakeResult.Timings(
                Duration.ofNanos(acquired - start),
                Duration.ofNanos(end - acquired - sinkNanos),
                Duration.ofNanos(sinkNanos),
                Duration.ofNanos(end - start));
        log.debug("{}: {} new, {} retracted, {}", id, delivered, retracted, timings);
        return new BakeResult(
            id, repo.acquisition(), delivered, already, retracted, resync, old, next, timings);
      } catch (PizzaException | RuntimeException | Error e) {
        if (began) {
          abort(e);
        }
        throw e;
      } catch (IOException e) {
        PizzaException failure =
            e instanceof java.io.InterruptedIOException
                ? new BakeCancelledException("the bake of " + id + " was interrupted", e)
                : new RepositoryStorageException("cannot read the repository " + id + ": " + e, e);
        if (began) {
          abort(failure);
        }
        throw failure;
      }
    }
  }

  private static Set<CommitId> values(Map<String, CommitId> tips) {
    return new TreeSet<>(tips.values());
  }

  /** Returns the entries of {@code tips} whose commits are present. */
  private static Map<String, CommitId> present(CommitSource source, Map<String, CommitId> tips)
      throws IOException {
    Map<String, CommitId> out = new TreeMap<>();
    for (Map.Entry<String, CommitId> e : tips.entrySet()) {
      if (source.contains(e.getValue())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private Map<String, CommitId> scoped(OpenedRepository repo) {
    Map<String, CommitId> tips = repo.tips();
    if (refScope == RefScope.BRANCHES_AND_TAGS) {
      return tips;
    }
    Map<String, CommitId> only = new LinkedHashMap<>();
    repo.defaultBranch()
        .ifPresent(
            ref -> {
              CommitId tip = tips.get(ref);
              if (tip != null) {
                only.put(ref, tip);
              }
            });
    return only;
  }

  private static boolean allPresent(CommitSource source, Set<CommitId> ids) throws IOException {
    for (CommitId c : ids) {
      if (!source.contains(c)) {
        return false;
      }
    }
    return true;
  }

  private long deliverRetractions(CommitSource source, Set<CommitId> oldTips, Set<CommitId> newTips)
      throws IOException, PizzaException {
    long count = 0;
    List<CommitId> batch = new ArrayList<>();
    try (CommitStream stream = source.walk(oldTips, newTips)) {
      for (CommitRecord r = stream.next(); r != null; r = stream.next()) {
        batch.add(r.id());
        count++;
        if (batch.size() == batchSize) {
          List<CommitId> out = List.copyOf(batch);
          callSink(() -> sink.retract(id, out), "retract");
          batch.clear();
          checkCancelled();
        }
      }
    }
    if (!batch.isEmpty()) {
      List<CommitId> out = List.copyOf(batch);
      callSink(() -> sink.retract(id, out), "retract");
    }
    if (count > 0) {
      log.info("{}: history was rewritten; {} commits retracted", id, count);
    }
    return count;
  }

  /**
   * Delivers reachable({@code target}) minus reachable({@code base}) in the source's order, after
   * skipping its first {@code skip} commits (the sink holds them), and returns how many it
   * delivered. With intermediate checkpoints on, it saves after the batches the policy names, and
   * after the last batch when {@code saveAtEnd}, a checkpoint of the range and the count.
   */
  private long deliverNew(
      CommitSource source,
      Map<String, CommitId> base,
      Map<String, CommitId> target,
      long skip,
      boolean saveAtEnd)
      throws IOException, PizzaException {
    Set<CommitId> include = values(target);
    Set<CommitId> exclude = values(base);
    // Nothing is new when every tip is an old one: a bake with nothing new (the common case of
    // polling) costs reading the refs, not a walk from every tip.
    if (exclude.containsAll(include)) {
      return 0;
    }
    Mailmap map = mailmap;
    if (map == null) {
      // As git: the repository's .mailmap first, then the host's, whose lines win. Read only when
      // there is something to deliver: it may cost a fetch.
      map = repoMailmap.get().followedBy(extraMailmap);
      mailmap = map;
    }
    boolean saving = !order.isEmpty();
    long count = 0;
    long savedAt = 0;
    List<CommitRecord> batch = new ArrayList<>(Math.min(batchSize, 4096));
    long chars = 0;
    try (CommitStream stream = source.walk(include, exclude)) {
      if (skip > 0) {
        long skipped = stream.skip(skip);
        if (skipped < skip) {
          log.warn("{}: the range holds {} commits, the checkpoint counted {}", id, skipped, skip);
        }
      }
      for (CommitRecord r = stream.next(); r != null; r = stream.next()) {
        batch.add(map.isEmpty() ? r : r.mapped(map));
        count++;
        chars += BatchWeight.of(r);
        if (batch.size() == batchSize || chars >= BatchWeight.BATCH_CHARS) {
          flush(batch, count);
          chars = 0;
          if (saving && policy.due(count - savedAt, System.nanoTime() - lastSave)) {
            saveProgress(base, target, skip + count);
            savedAt = count;
          }
          checkCancelled();
        }
      }
    }
    if (!batch.isEmpty()) {
      flush(batch, count);
    }
    if (saving && saveAtEnd && count > savedAt) {
      saveProgress(base, target, skip + count);
    }
    return count;
  }

  private void saveProgress(Map<String, CommitId> base, Map<String, CommitId> target, long count)
      throws SinkException {
    Checkpoint partial = Checkpoint.intermediate(base, target, count, order);
    callSink(() -> sink.saveCheckpoint(id, partial), "saveCheckpoint");
    lastSave = System.nanoTime();
  }

  private void flush(List<CommitRecord> batch, long count) throws PizzaException {
    List<CommitRecord> out = List.copyOf(batch);
    batch.clear();
    callSink(() -> sink.accept(id, out), "accept");
    progress.walked(id, count);
  }

  private void checkCancelled() throws BakeCancelledException {
    if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new BakeCancelledException("the bake of " + id + " was cancelled");
    }
  }

  private void abort(Throwable cause) {
    try {
      sink.abort(id, cause);
    } catch (RuntimeException e) {
      log.warn("{}: the sink's abort threw; ignored", id, e);
    }
  }

  private <T> T callSink(SinkCall<T> call, String method) throws SinkException {
    long t0 = System.nanoTime();
    try {
      return call.run();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SinkException("the sink's " + method + " failed for " + id + ": " + e, e);
    } finally {
      sinkNanos += System.nanoTime() - t0;
    }
  }

  private void callSink(SinkAction action, String method) throws SinkException {
    callSink(
        () -> {
          action.run();
          return Boolean.TRUE;
        },
        method);
  }

  @FunctionalInterface
  private interface SinkCall<T> {
    T run() throws Exception;
  }

  @FunctionalInterface
  private interface SinkAction {
    void run() throws Exception;
  }
}
