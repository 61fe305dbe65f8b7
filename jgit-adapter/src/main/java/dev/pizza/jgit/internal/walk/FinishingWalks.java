package dev.pizza.jgit.internal.walk;

import java.util.ArrayList;
import java.util.List;

/**
 * Full walks whose consumer is done while their thread still writes the generations of what they
 * walked (see {@link PipelinedCommitStream}), for those that must wait for them: a walk about to
 * read generations ({@link GitCommitSource#walk}), a repository whose lease ends (its generations
 * lie in its directory), and the backend when it closes, last. A backend owns one, so a bake's
 * generations are written while its sink commits and its host closes the database. Thread safe.
 */
public final class FinishingWalks {
  private final List<PipelinedCommitStream> walks = new ArrayList<>();

  synchronized void add(PipelinedCommitStream walk) {
    walks.removeIf(PipelinedCommitStream::isFinished);
    walks.add(walk);
  }

  /** Waits until every walk handed over so far has finished. */
  public void awaitAll() {
    List<PipelinedCommitStream> now;
    synchronized (this) {
      now = new ArrayList<>(walks);
      walks.clear();
    }
    for (PipelinedCommitStream w : now) {
      w.await();
    }
  }
}
