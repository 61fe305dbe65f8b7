package dev.pizza.examples.bench;

import dev.pizza.cache.DiskRepoStore;
import dev.pizza.examples.cli.PizzaCli;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.util.FS;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 *
 * <p>A picocli command: {@code --help} explains each option and the output.
 */
@Command(
    name = "ServiceBenchmark",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description = {
      "Measures the HTTP service on loopback: POST /bake with wait for an already-baked"
          + " repository (an incremental no-op) and GET /repos/{key}/stats, on a synthetic"
          + " repository served by JGit's git:// daemon, into SQLite.",
      ""
    },
    footer = {
      "",
      "Output: the machine and its load, the first bake (status, time, answer), then one row per"
          + " endpoint: clients, requests/s, p50 and p99 latency in ms and errors (answers other"
          + " than 200), over --seconds after one second of warm-up."
    })
public final class ServiceBenchmark implements Callable<Integer> {
  private static final Pattern KEY = Pattern.compile("\"key\":\"([0-9a-f]+)\"");

  @Option(
      names = "--commits",
      paramLabel = "N",
      converter = ChildBakeBenchmark.CommitCount.class,
      defaultValue = "100000",
      description = "commits of the synthetic repository (default ${DEFAULT-VALUE})")
  private int commits = 100_000;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "concurrent clients, each sending its next request when answered"
              + " (default ${DEFAULT-VALUE})")
  private int clients = 4;

  @Option(
      names = "--seconds",
      paramLabel = "N",
      defaultValue = "10",
      description = "measured seconds per endpoint (default ${DEFAULT-VALUE})")
  private int seconds = 10;

  @Option(
      names = "--repos",
      paramLabel = "DIR",
      description =
          "where the synthetic repository is generated once and reused"
              + " (default ${DEFAULT-VALUE})")
  private Path repos = ChildBakeBenchmark.defaultRepos();

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description =
          "where the service's cache and database go (default: a new temporary" + " directory)")
  private @Nullable Path work;

  private ServiceBenchmark() {}

  /** Runs the benchmark, prints one row per endpoint and exits; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServiceBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path work = this.work != null ? this.work : Files.createTempDirectory("pizza-service-bench");
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
    }
    return 0;
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
