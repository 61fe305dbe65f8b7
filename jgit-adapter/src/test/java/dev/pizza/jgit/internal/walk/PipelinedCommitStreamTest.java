package dev.pizza.jgit.internal.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
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

    /** A parent line for every commit: a bad one makes the commit fail to parse. */
    String parent = "";

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
              + "4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
              + parent
              + "author A U Thor <a@example.com> 1600000000 +0100"
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

  @Test
  void skippedCommits_areLeftOut_andTheOthersArriveParsed_inTheWalksOrder() throws Exception {
    int count = 3 * PipelinedCommitStream.BATCH + 5;
    BlockedFinishWalk walk = new BlockedFinishWalk(count);
    walk.release.countDown();
    PipelinedCommitStream stream = new PipelinedCommitStream(walk, s -> {});
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      messages.add(stream.next().message());
    }

    long skipped = stream.skip(2 * PipelinedCommitStream.BATCH);
    for (CommitRecord r = stream.next(); r != null; r = stream.next()) {
      messages.add(r.message());
    }

    assertThat(skipped).isEqualTo(2 * PipelinedCommitStream.BATCH);
    List<String> expected = new ArrayList<>();
    for (int left = count - 1; left >= 0; left--) {
      int at = count - 1 - left;
      if (at < 3 || at >= 3 + 2 * PipelinedCommitStream.BATCH) {
        expected.add("commit " + left + "\n");
      }
    }
    assertThat(messages).isEqualTo(expected);
    assertThat(stream.skip(10)).isZero();
    stream.close();
  }

  @Test
  void aCommitThatCannotBeParsed_failsTheCallersNext() throws Exception {
    BlockedFinishWalk walk = new BlockedFinishWalk(5);
    walk.parent = "parent " + "z".repeat(40) + "\n";
    walk.release.countDown();
    PipelinedCommitStream stream = new PipelinedCommitStream(walk, s -> {});

    assertThatThrownBy(stream::next).isInstanceOf(IllegalArgumentException.class);
    stream.close();
    assertThat(walk.closed).isTrue();
  }
}
