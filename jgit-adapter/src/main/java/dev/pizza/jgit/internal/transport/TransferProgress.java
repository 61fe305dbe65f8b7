package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import org.jspecify.annotations.Nullable;

/**
 * Forwards JGit's transfer progress to a {@link ProgressListener} (batched: at most a few calls a
 * second), its cancellation back to JGit, every sign of life to the {@link
 * TransferWatchdog.Activity} that decides when a silent server has timed out, and each object
 * received to the {@link PackGrowth} that checks a clone against the store's budget (a failed check
 * cancels the transfer).
 */
final class TransferProgress extends BatchingProgressMonitor {
  private final RepositoryId repository;
  private final ProgressListener listener;
  private final TransferWatchdog.Activity activity;
  private final @Nullable PackGrowth growth;

  TransferProgress(
      RepositoryId repository,
      ProgressListener listener,
      TransferWatchdog.Activity activity,
      @Nullable PackGrowth growth) {
    this.repository = repository;
    this.listener = listener;
    this.activity = activity;
    this.growth = growth;
    setDelayStart(250, TimeUnit.MILLISECONDS);
  }

  @Override
  public void start(int totalTasks) {
    activity.touch();
    super.start(totalTasks);
  }

  @Override
  public void beginTask(String title, int work) {
    activity.touch();
    super.beginTask(title, work);
  }

  @Override
  public void update(int completed) {
    activity.touch();
    if (growth != null) {
      growth.objectReceived();
    }
    super.update(completed);
  }

  @Override
  public void endTask() {
    activity.touch();
    if (growth != null) {
      growth.taskEnded();
    }
    super.endTask();
  }

  @Override
  protected void onUpdate(String taskName, int workCurr, Duration duration) {
    listener.transfer(repository, taskName, workCurr, 0);
  }

  @Override
  protected void onEndTask(String taskName, int workCurr, Duration duration) {
    listener.transfer(repository, taskName, workCurr, 0);
  }

  @Override
  protected void onUpdate(
      String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
    listener.transfer(repository, taskName, workCurr, workTotal);
  }

  @Override
  protected void onEndTask(
      String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
    listener.transfer(repository, taskName, workCurr, workTotal);
  }

  @Override
  public boolean isCancelled() {
    activity.touch(); // JGit polls this while it works locally (indexing a pack): alive
    return (growth != null && growth.stopped()) || Cancellation.requested(listener);
  }
}
