package dev.pizza.jgit;

import dev.pizza.ProgressListener;
import dev.pizza.RepositoryId;
import org.eclipse.jgit.lib.BatchingProgressMonitor;
import java.time.Duration;

/** Forwards JGit's transfer progress to a {@link ProgressListener}, and its cancellation back. */
final class TransferProgress extends BatchingProgressMonitor {
  private final RepositoryId repository;
  private final ProgressListener listener;

  TransferProgress(RepositoryId repository, ProgressListener listener) {
    this.repository = repository;
    this.listener = listener;
    setDelayStart(250, java.util.concurrent.TimeUnit.MILLISECONDS);
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
    return listener.isCancelled() || Thread.currentThread().isInterrupted();
  }
}
