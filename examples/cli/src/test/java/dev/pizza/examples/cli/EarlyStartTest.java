package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide settings that {@link EarlyStart} does on a thread of its own for a bake are never
 * lost: their failure reaches the bake where it waits, and other commands have them done before
 * they go on. The database's half is ready before JGit's, so the database opens meanwhile.
 */
class EarlyStartTest {

  @Test
  void settingsThatFailOnTheEarlyThread_failTheBakeWhereItWaits() {
    IllegalStateException broken = new IllegalStateException("no settings");

    EarlyStart.begin(
        new String[] {"bake", "repo"},
        () -> {},
        () -> {
          throw broken;
        });

    EarlyStart.awaitDatabase(); // the database's half did not fail
    assertThatThrownBy(EarlyStart::await).isSameAs(broken);
    EarlyStart.await(); // reported once: a later wait has nothing to wait for
  }

  @Test
  void databaseSettingsThatFail_failTheBakeBeforeItOpensTheDatabase_once() {
    IllegalStateException broken = new IllegalStateException("no SQLite settings");

    EarlyStart.begin(
        new String[] {"bake", "repo"},
        () -> {
          throw broken;
        },
        () -> {});

    assertThatThrownBy(EarlyStart::awaitDatabase).isSameAs(broken);
    EarlyStart.await(); // reported once
  }

  @Test
  void theDatabasesHalf_isReady_whileJGitsHalfIsStillBeingSetUp() throws Exception {
    CountDownLatch jgitMayEnd = new CountDownLatch(1);
    CountDownLatch jgitStarted = new CountDownLatch(1);

    EarlyStart.begin(
        new String[] {"bake", "repo"},
        () -> {},
        () -> {
          jgitStarted.countDown();
          try {
            jgitMayEnd.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      assertThat(jgitStarted.await(30, TimeUnit.SECONDS)).isTrue();
      // Would wait for ever if the database were announced only with the rest.
      CompletableFuture.runAsync(EarlyStart::awaitDatabase).get(30, TimeUnit.SECONDS);
    } finally {
      jgitMayEnd.countDown();
    }
    EarlyStart.await();
  }

  @Test
  void aCommandOtherThanBake_hasItsSettingsDoneBeforeBeginReturns_databaseFirst() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    List<String> order = new ArrayList<>();

    EarlyStart.begin(
        new String[] {"repos"},
        () -> order.add("database"),
        () -> {
          order.add("jgit");
          ranOn.set(Thread.currentThread());
        });

    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    assertThat(order).containsExactly("database", "jgit");
  }
}
