package dev.pizza.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  @Test
  void anInterruptedCaller_stillWaitsForTheThread_andKeepsItsInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    worker.start();
    boolean[] seen = new boolean[2];
    Thread caller =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              Threads.joinUninterruptibly(worker);
              seen[0] = worker.isAlive();
              seen[1] = Thread.currentThread().isInterrupted();
            });
    caller.start();
    // The caller is waiting (interrupted) until the worker is released.
    caller.join(200);
    assertThat(caller.isAlive()).as("returned while the thread still ran").isTrue();
    release.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(caller.isAlive()).isFalse();
    assertThat(seen[0]).as("worker alive after the join").isFalse();
    assertThat(seen[1]).as("the caller's interrupt restored").isTrue();
  }
}
