package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.RepositoryId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  static final RepositoryId REPO = new RepositoryId("a".repeat(40), "https://example.com/x");

  @Test
  void transferThenWalk_showsObjectsBytesAndCommits_andClearErasesTheLine() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    AtomicLong clock = new AtomicLong();
    TerminalProgress progress = new TerminalProgress(err, () -> clock.addAndGet(200_000_000L));

    progress.transfer(REPO, "Receiving objects", 450, 1000);
    progress.transfer(REPO, TerminalProgress.BYTES_TASK, 3 << 20, 0);
    progress.walked(REPO, 1234);
    progress.clear();

    String drawn = buffer.toString(StandardCharsets.UTF_8);
    assertThat(drawn)
        .contains("\rhttps://example.com/x: Receiving objects 45% (450/1000)")
        .contains("Receiving objects 45% (450/1000), 3.0 MiB received")
        .contains("\rhttps://example.com/x: 1234 commits read")
        .endsWith("\r")
        .doesNotContain("\n");
  }
}
