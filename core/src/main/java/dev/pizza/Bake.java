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
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bake of one repository: the steps of the {@link CommitSink} contract, in order.
 *
 * <p>new = reachable(new tips) minus reachable(old tips); retracted = reachable(old tips) minus
 * reachable(new tips). Both are computed by the {@link CommitSource} from the graph alone.
 *
 * <p>Old tips are the commits of the sink's checkpoint ({@link Checkpoint#commits()}): the ref tips
 * of a finished bake or the frontier of an unfinished one, so a bake that starts from an
 * intermediate checkpoint delivers only what is still missing. With intermediate checkpoints on,
 * new commits are delivered parents first and a {@link Frontier} follows the sink's set: after the
 * retractions (the set is then reachable(old) minus retracted) and after the batches the {@link
 * CheckpointPolicy} names, a checkpoint of that frontier is saved.
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
  private Mailmap mailmap = Mailmap.EMPTY;
  private long sinkNanos;
  private long lastSave = System.nanoTime();

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
      boolean began = false;
      try {
        Set<CommitId> oldTips = old.commits();
        Set<CommitId> newTips = next.commits();
        // The new tips were just read from the repository: only the others need looking up.
        Set<CommitId> gone = new HashSet<>(oldTips);
        gone.removeAll(newTips);
        boolean resync = !allPresent(source, gone);
        callSink(() -> sink.begin(id, old), "begin");
        began = true;
        long retracted = 0;
        Collection<CommitId> exclude = oldTips;
        Set<CommitId> held = oldTips;
        if (resync) {
          log.info("{}: checkpoint commits are gone from the repository; resyncing", id);
          callSink(() -> sink.resync(id), "resync");
          exclude = List.of();
          held = Set.of();
        } else if (!gone.isEmpty()) {
          // Nothing is retracted when every old tip is still a tip, so no walk is needed then.
          Frontier.Retracted removed = policy.enabled() ? new Frontier.Retracted() : null;
          retracted = deliverRetractions(source, oldTips, newTips, removed);
          if (removed != null && retracted > 0) {
            held = removed.remaining(oldTips);
            // Nothing held means no frontier to save (an empty checkpoint would read as complete):
            // then a bake interrupted before its first batch retracts the same commits again.
            if (!held.isEmpty()) {
              Checkpoint after = Checkpoint.intermediate(old.tips(), held, old.delivered());
              callSink(() -> sink.saveCheckpoint(id, after), "saveCheckpoint");
              lastSave = System.nanoTime();
            }
          }
        }
        long already = resync || old.isComplete() ? 0 : old.delivered();
        // Likewise nothing is new when every tip is one of the old commits (the old tips, or the
        // frontier of an unfinished bake): a bake with nothing new (the common case of polling)
        // costs reading the refs, not two walks from every tip.
        boolean nothingNew = !resync && oldTips.containsAll(newTips);
        if (!nothingNew) {
          // As git: the repository's .mailmap first, then the host's, whose lines win. Read only
          // when there is something to deliver: it may cost a fetch.
          mailmap = repo.mailmap().followedBy(extraMailmap);
        }
        long delivered =
            nothingNew ? 0 : deliverNew(source, newTips, exclude, old.tips(), held, already);
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

  private long deliverRetractions(
      CommitSource source,
      Set<CommitId> oldTips,
      Set<CommitId> newTips,
      Frontier.@Nullable Retracted gone)
      throws IOException, PizzaException {
    long count = 0;
    List<CommitId> batch = new ArrayList<>();
    try (CommitStream stream = source.walk(oldTips, newTips)) {
      for (CommitRecord r = stream.next(); r != null; r = stream.next()) {
        batch.add(r.id());
        if (gone != null) {
          gone.add(r);
        }
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
   * Delivers reachable({@code include}) minus reachable({@code exclude}). With intermediate
   * checkpoints on, parents first, saving after the batches the policy names a checkpoint whose
   * frontier grows from {@code held} (the commits whose ancestry the sink holds before the first
   * batch); {@code already} commits were delivered toward this bake by interrupted ones.
   */
  private long deliverNew(
      CommitSource source,
      Set<CommitId> include,
      Collection<CommitId> exclude,
      Map<String, CommitId> baseTips,
      Set<CommitId> held,
      long already)
      throws IOException, PizzaException {
    Frontier frontier = null;
    CommitStream stream = null;
    if (policy.enabled()) {
      try {
        stream = source.walkParentsFirst(include, exclude);
        frontier = new Frontier(held);
      } catch (UnsupportedOperationException e) {
        log.debug("{}: no intermediate checkpoints: {}", id, e.getMessage());
      }
    }
    if (stream == null) {
      stream = source.walk(include, exclude);
    }
    long count = 0;
    long savedAt = 0;
    List<CommitRecord> batch = new ArrayList<>(Math.min(batchSize, 4096));
    try (CommitStream fresh = stream) {
      for (CommitRecord r = fresh.next(); r != null; r = fresh.next()) {
        batch.add(mailmap.isEmpty() ? r : r.mapped(mailmap));
        count++;
        if (batch.size() == batchSize) {
          flush(batch, count, frontier);
          if (frontier != null && policy.due(count - savedAt, System.nanoTime() - lastSave)) {
            Checkpoint partial =
                Checkpoint.intermediate(baseTips, frontier.commits(), already + count);
            callSink(() -> sink.saveCheckpoint(id, partial), "saveCheckpoint");
            savedAt = count;
            lastSave = System.nanoTime();
          }
          checkCancelled();
        }
      }
    }
    if (!batch.isEmpty()) {
      flush(batch, count, frontier);
    }
    return count;
  }

  private void flush(List<CommitRecord> batch, long count, @Nullable Frontier frontier)
      throws PizzaException {
    List<CommitRecord> out = List.copyOf(batch);
    batch.clear();
    callSink(() -> sink.accept(id, out), "accept");
    if (frontier != null) {
      out.forEach(frontier::delivered);
    }
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
