package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide settings that {@link EarlyStart} does on a thread of its own for a bake are never
 * lost: their failure reaches the bake where it waits, and other commands have them done before
 * they go on.
 */
class EarlyStartTest {

  @Test
  void settingsThatFailOnTheEarlyThread_failTheBakeWhereItWaits() {
    IllegalStateException broken = new IllegalStateException("no settings");

    EarlyStart.begin(
        new String[] {"bake", "repo"},
        () -> {
          throw broken;
        });

    assertThatThrownBy(EarlyStart::await).isSameAs(broken);
    EarlyStart.await(); // reported once: a later wait has nothing to wait for
  }

  @Test
  void aCommandOtherThanBake_hasItsSettingsDoneBeforeBeginReturns() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();

    EarlyStart.begin(new String[] {"repos"}, () -> ranOn.set(Thread.currentThread()));

    assertThat(ranOn.get()).isSameAs(Thread.currentThread());
  }
}
