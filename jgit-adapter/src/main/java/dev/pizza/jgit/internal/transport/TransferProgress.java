package dev.pizza.jgit.internal.transport;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.BatchingProgressMonitor;

/**
 * Forwards JGit's transfer progress to a {@link ProgressListener} (batched: at most a few calls a
 * second), its cancellation back to JGit, and every sign of life to the {@link
 * TransferWatchdog.Activity} that decides when a silent server has timed out.
 */
final class TransferProgress extends BatchingProgressMonitor {
  private final RepositoryId repository;
  private final ProgressListener listener;
  private final TransferWatchdog.Activity activity;

  TransferProgress(
      RepositoryId repository, ProgressListener listener, TransferWatchdog.Activity activity) {
    this.repository = repository;
    this.listener = listener;
    this.activity = activity;
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
    super.update(completed);
  }

  @Override
  public void endTask() {
    activity.touch();
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
    return Cancellation.requested(listener);
  }
}
