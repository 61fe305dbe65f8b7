package dev.pizza.examples.bench;

import dev.pizza.cache.DiskRepoStore;
import dev.pizza.examples.service.OvenService;
import dev.pizza.examples.service.ServiceSettings;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.RemoteCredentials;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.util.FS;

/**
 * Measures the service (not a test): requests per second and p99 latency of {@code POST /bake} with
 * {@code wait} for an already-baked repository (an incremental no-op: a fetch that brings nothing),
 * and of {@code GET /repos/{key}/stats} on a 100k-commit repository. The repository is synthetic
 * ({@link SyntheticRepository}), served over {@code git://} by JGit's daemon on loopback; the
 * database is SQLite.
 *
 * <pre>
 * java -cp pizza.jar dev.pizza.examples.bench.ServiceBenchmark [--commits N] [--clients N]
 *     [--seconds N] [--repos DIR] [--work DIR]
 * </pre>
 */
public final class ServiceBenchmark {
  private static final Pattern KEY = Pattern.compile("\"key\":\"([0-9a-f]+)\"");

  private ServiceBenchmark() {}

  /** Runs the benchmark and prints one row per endpoint. */
  public static void main(String[] args) throws Exception {
    int commits = 100_000;
    int clients = 4;
    int seconds = 10;
    Path repos = Path.of("target", "bench-repos");
    Path work = Files.createTempDirectory("pizza-service-bench");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--commits" -> commits = Integer.parseInt(args[i + 1]);
        case "--clients" -> clients = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--repos" -> repos = Path.of(args[i + 1]);
        case "--work" -> work = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.out.println(
        MachineInfo.describe(Path.of(System.getProperty("java.home"), "bin", "java"))
            + ", load "
            + MachineInfo.loadAverage());
    SyntheticRepository repo = SyntheticRepository.obtain(repos, commits, 42);
    Daemon daemon = new Daemon(new InetSocketAddress("127.0.0.1", 0));
    Path served = repo.directory();
    daemon.setRepositoryResolver(
        (req, name) -> {
          File dir = RepositoryCache.FileKey.resolve(served.toFile(), FS.DETECTED);
          try {
            return RepositoryCache.FileKey.exact(dir, FS.DETECTED).open(true);
          } catch (java.io.IOException e) {
            throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
          }
        });
    daemon.getService("git-upload-pack").setEnabled(true);
    daemon.start();
    String url = "git://127.0.0.1:" + daemon.getAddress().getPort() + "/synthetic";
    ServiceSettings settings =
        ServiceSettings.builder()
            .address("127.0.0.1", 0)
            .network(Set.of(), true)
            .queue(2, 100)
            .build();
    OvenService service =
        OvenService.start(
            settings,
            DiskRepoStore.builder().root(work.resolve("cache")).build(),
            PizzaDatabase.open("jdbc:sqlite:" + work.resolve("pizza.db")),
            work.resolve("generations"),
            RemoteCredentials.NONE);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(clients))
            .build();
    try {
      String base = "http://127.0.0.1:" + service.port();
      String body = "{\"url\": \"" + url + "\", \"wait\": true}";
      HttpRequest bake =
          HttpRequest.newBuilder(URI.create(base + "/bake"))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .timeout(Duration.ofMinutes(30))
              .build();
      long t0 = System.nanoTime();
      HttpResponse<String> first = client.send(bake, HttpResponse.BodyHandlers.ofString());
      System.out.printf(
          Locale.ROOT,
          "first bake of %,d commits: %d in %.1f s: %s%n",
          commits,
          first.statusCode(),
          (System.nanoTime() - t0) / 1e9,
          first.body());
      Matcher m = KEY.matcher(first.body());
      if (first.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException("the first bake failed");
      }
      HttpRequest stats =
          HttpRequest.newBuilder(URI.create(base + "/repos/" + m.group(1) + "/stats")).build();
      System.out.printf(
          Locale.ROOT,
          "%-40s %8s %12s %10s %10s %8s%n",
          "endpoint",
          "clients",
          "requests/s",
          "p50 ms",
          "p99 ms",
          "errors");
      row("POST /bake wait (no-op, " + commits + " commits)", client, bake, clients, seconds);
      row("GET /repos/{key}/stats (" + commits + " commits)", client, stats, clients, seconds);
    } finally {
      service.close();
      daemon.stop();
      System.exit(0);
    }
  }

  private static void row(
      String name, HttpClient client, HttpRequest request, int clients, int seconds)
      throws Exception {
    // Warm up for a second, then measure.
    run(client, request, clients, Duration.ofSeconds(1));
    long start = System.nanoTime();
    Result r = run(client, request, clients, Duration.ofSeconds(seconds));
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(r.nanos);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-40s %8d %12.1f %10.1f %10.1f %8d%n",
        name,
        clients,
        sorted.size() / elapsed,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6,
        r.errors);
  }

  private record Result(List<Long> nanos, int errors) {}

  private static Result run(HttpClient client, HttpRequest request, int clients, Duration d)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + d.toNanos();
    List<Future<Result>> parts = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      parts.add(
          pool.submit(
              () -> {
                List<Long> nanos = new ArrayList<>();
                int errors = 0;
                while (System.nanoTime() < end) {
                  long t = System.nanoTime();
                  HttpResponse<String> r =
                      client.send(request, HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() == 200) {
                    nanos.add(System.nanoTime() - t);
                  } else {
                    errors++;
                  }
                }
                return new Result(nanos, errors);
              }));
    }
    List<Long> all = new ArrayList<>();
    int errors = 0;
    for (Future<Result> f : parts) {
      all.addAll(f.get().nanos());
      errors += f.get().errors();
    }
    pool.shutdown();
    return new Result(all, errors);
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
