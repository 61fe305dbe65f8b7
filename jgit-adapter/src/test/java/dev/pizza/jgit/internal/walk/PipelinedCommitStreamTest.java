package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The walk's last commits reach the consumer before the walk finishes (a full walk then writes the
 * generations of what it walked), the walk's files are closed before it finishes, and closing the
 * stream then leaves the finishing to run on until someone waits for it.
 */
@Timeout(60) // a hang guard only: a stream that waited for the finishing would never return
class PipelinedCommitStreamTest {

  /** A walk of {@code count} commits whose {@link #finish()} waits until {@link #release}. */
  private static final class BlockedFinishWalk implements RawCommitWalk {
    final CountDownLatch finishing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean finished = new AtomicBoolean();
    final AtomicBoolean closed = new AtomicBoolean();
    private int left;

    BlockedFinishWalk(int count) {
      this.left = count;
    }

    @Override
    public @Nullable RawCommit next() {
      if (left == 0) {
        return null;
      }
      left--;
      String raw =
          "tree "
              + "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
              + "\nauthor A U Thor <a@example.com> 1600000000 +0100"
              + "\ncommitter A U Thor <a@example.com> 1600000000 +0100"
              + "\n\ncommit "
              + left
              + "\n";
      return new RawCommit(
          CommitId.of(String.format("%040x", left + 1)), raw.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void finish() {
      finishing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      finished.set(true);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void lastCommits_reachTheConsumer_whileTheWalkIsStillFinishing() throws Exception {
    BlockedFinishWalk walk = new BlockedFinishWalk(PipelinedCommitStream.BATCH + 3);
    List<PipelinedCommitStream> handedOver = new ArrayList<>();
    PipelinedCommitStream stream = new PipelinedCommitStream(walk, handedOver::add);
    int read = 0;
    while (stream.next() != null) {
      read++;
    }
    assertThat(read).isEqualTo(PipelinedCommitStream.BATCH + 3);
    walk.finishing.await();

    stream.close(); // returns at once: the finishing is handed over

    assertThat(handedOver).containsExactly(stream);
    assertThat(walk.closed).isTrue();
    assertThat(walk.finished).isFalse();
    assertThat(stream.isFinished()).isFalse();
    walk.release.countDown();
    stream.await();
    assertThat(walk.finished).isTrue();
    assertThat(stream.isFinished()).isTrue();
  }

  @Test
  void finishingWalks_awaitAll_waitsForTheWalksHandedOver() throws Exception {
    BlockedFinishWalk walk = new BlockedFinishWalk(3);
    FinishingWalks finishing = new FinishingWalks();
    PipelinedCommitStream stream = new PipelinedCommitStream(walk, finishing::add);
    while (stream.next() != null) {
      // read to the end
    }
    walk.finishing.await();
    stream.close();
    assertThat(walk.finished).isFalse();

    walk.release.countDown();
    finishing.awaitAll();

    assertThat(walk.finished).isTrue();
  }

  @Test
  void closeBeforeTheEnd_stopsTheWalk_withoutFinishingIt() throws Exception {
    BlockedFinishWalk walk = new BlockedFinishWalk(100 * PipelinedCommitStream.BATCH);
    List<PipelinedCommitStream> handedOver = new ArrayList<>();
    PipelinedCommitStream stream = new PipelinedCommitStream(walk, handedOver::add);
    assertThat(stream.next()).isNotNull();

    stream.close();

    assertThat(handedOver).isEmpty();
    assertThat(walk.closed).isTrue();
    assertThat(walk.finishing.await(0, TimeUnit.SECONDS)).isFalse();
    assertThat(walk.finished).isFalse();
  }
}
