package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitRecord;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.SmartHttpServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pizza serve} in a child JVM, killed (SIGKILL) while a bake is in its transfer and others
 * wait, then started again: every accepted request resumes and the database ends exact. Then
 * SIGTERM stops it.
 */
class ServiceRestartTest {
  @TempDir Path dir;

  private ServeProcess start(String name) throws Exception {
    return ServeProcess.start(dir, name, "--concurrency", "1", "--timeout", "2m", "--grace", "10s");
  }

  @Test
  void killedDuringBakes_resumesEveryAcceptedRequest_andTheDatabaseEndsExact() throws Exception {
    String jdbcUrl = "jdbc:sqlite:" + dir.resolve("data").resolve("pizza.db");
    try (SmartHttpServer git = new SmartHttpServer(dir.resolve("remote"))) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        GitRepos.create(dir.resolve("remote/r" + i), 3 + i);
        urls.add(git.url("r" + i));
      }
      git.hold();
      ServeProcess first = start("first");
      List<String> keys = new ArrayList<>();
      try (HttpProbe http = new HttpProbe(first.port())) {
        for (String url : urls) {
          RunningService.Reply r = http.bake(url);
          assertThat(r.status()).as(r.body()).isEqualTo(202);
          keys.add(r.json().path("key").asText());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (git.requests.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(git.requests.get()).as("a bake reached the git server").isPositive();
      } finally {
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      try (PizzaDatabase db = PizzaDatabase.open(jdbcUrl)) {
        assertThat(pendingRequests(db)).isEqualTo(4);
      }
      GitRepos.addCommits(dir.resolve("remote/r0"), 2);
      git.release();

      ServeProcess second = start("second");
      try (HttpProbe http = new HttpProbe(second.port())) {
        for (String key : keys) {
          http.awaitIdle(key);
        }
      } finally {
        second.process().destroy(); // SIGTERM: a graceful stop
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      try (PizzaDatabase db = PizzaDatabase.open(jdbcUrl)) {
        assertThat(pendingRequests(db)).isZero();
        for (int i = 0; i < 4; i++) {
          List<CommitRecord> stored = db.queries().commits(keys.get(i));
          Set<String> ids = stored.stream().map(c -> c.id().toString()).collect(Collectors.toSet());
          assertThat(ids).hasSize(stored.size());
          assertThat(ids).isEqualTo(GitRepos.reachable(dir.resolve("remote/r" + i)));
        }
      }
    }
  }

  private static long pendingRequests(PizzaDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bake_requests")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
