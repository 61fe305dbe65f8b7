package dev.pizza.examples.cli;

import dev.pizza.Mailmap;
import dev.pizza.cache.DiskRepoStore;
import dev.pizza.examples.service.HostTokens;
import dev.pizza.examples.service.OvenService;
import dev.pizza.examples.service.ServiceSettings;
import dev.pizza.jdbc.PizzaDatabase;
import dev.pizza.jgit.RemoteCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pizza serve}: runs the oven service ({@link OvenService}) with the CLI's store and
 * database options, until SIGTERM (or Ctrl-C), which stops it gracefully.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = PizzaCli.Version.class,
    description =
        "Serves the HTTP API: POST /bake, GET /ping, /repos, /repos/{key}, /repos/{key}/stats,"
            + " /metrics, /health. Bakes into pizza.db (or --db) through a persistent queue."
            + " Keeps 1 GiB free on the cache's file system unless --min-free says otherwise.")
final class ServeCommand implements Callable<Integer> {
  /**
   * The free space the service keeps on its cache's file system unless {@code --min-free} or the
   * store config file says otherwise: the service clones what callers ask for, so without a floor a
   * caller's list of large repositories could fill the disk. {@code --min-free 0} removes it.
   */
  static final long DEFAULT_MIN_FREE = 1L << 30;

  @ParentCommand @Nullable PizzaCli parent;

  @Spec @Nullable CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Mixin DatabaseOptions database = new DatabaseOptions();

  @Mixin MailmapOption mailmap = new MailmapOption();

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "port (0: any free one; default ${DEFAULT-VALUE})")
  int port = 8080;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE})")
  String bind = "127.0.0.1";

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "2",
      description = "most bakes at once (default ${DEFAULT-VALUE})")
  int concurrency = 2;

  @Option(
      names = "--queue-size",
      paramLabel = "N",
      defaultValue = "100",
      description = "most repositories waiting; beyond it 503 (default ${DEFAULT-VALUE})")
  int queueSize = 100;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1m",
      description =
          "give up a transfer when the server is silent this long (default ${DEFAULT-VALUE})")
  Duration timeout = Duration.ofMinutes(1);

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1h",
      description =
          "cancel a repository's bake that takes longer than this, as a server that sends a byte"
              + " now and then would hold a worker for ever (default ${DEFAULT-VALUE})")
  Duration deadline = Duration.ofHours(1);

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description =
          "on shutdown, how long running bakes may finish before being cancelled"
              + " (default ${DEFAULT-VALUE})")
  Duration grace = Duration.ofSeconds(30);

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description = "a host bake URLs may name (repeatable; default: any public host)")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--allow-private-network",
      description = "let bake URLs reach loopback, private and link-local addresses")
  boolean allowPrivateNetwork;

  @Option(
      names = "--tokens",
      paramLabel = "FILE",
      description = "a YAML file: tokens: {host: token, host2: {user: u, token: t}}")
  @Nullable Path tokens;

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      converter = StoreOptions.PositiveSize.class,
      defaultValue = "64K",
      description = "largest request body (default ${DEFAULT-VALUE})")
  Long maxBody = 64L * 1024;

  /** The store's settings, the service's free-space floor ({@link #DEFAULT_MIN_FREE}) included. */
  StoreSettings storeSettings(Path defaultCacheDir) {
    return store.settings(defaultCacheDir).withMinFreeDefault(DEFAULT_MIN_FREE);
  }

  @Override
  public Integer call() throws Exception {
    PizzaCli cli = Objects.requireNonNull(parent);
    StoreSettings storeSettings;
    ServiceSettings settings;
    RemoteCredentials credentials;
    Mailmap extraMailmap;
    try {
      extraMailmap = mailmap.load();
    } catch (IOException e) {
      cli.err.println(mailmap.failure(e));
      return PizzaCli.FAILED;
    }
    try {
      storeSettings = storeSettings(cli.directories.cache());
      settings =
          ServiceSettings.builder()
              .address(bind, port)
              .queue(concurrency, queueSize)
              .times(timeout, grace, ServiceSettings.DEFAULTS.waitLimit())
              .network(new HashSet<>(allowHosts), allowPrivateNetwork)
              .maxBodyBytes((int) Math.min(Integer.MAX_VALUE, maxBody))
              .mailmap(extraMailmap)
              .deadline(deadline)
              .build();
      credentials = tokens == null ? RemoteCredentials.NONE : HostTokens.read(tokens);
    } catch (IllegalArgumentException e) {
      CommandSpec s = Objects.requireNonNull(spec);
      throw new CommandLine.ParameterException(s.commandLine(), String.valueOf(e.getMessage()), e);
    }
    Path data = database.dataDir(cli.directories);
    DiskRepoStore repoStore;
    try {
      repoStore = storeSettings.builder().build();
    } catch (IOException | RuntimeException e) {
      cli.err.println(
          "pizza: cannot open the repository cache: "
              + Echo.escape(String.valueOf(e.getMessage())));
      return PizzaCli.FAILED;
    }
    PizzaDatabase db;
    try {
      db = database.open(cli.directories);
    } catch (IOException e) {
      repoStore.close();
      cli.err.println("pizza: " + Echo.escape(String.valueOf(e.getMessage())));
      return PizzaCli.FAILED;
    }
    OvenService service =
        OvenService.start(settings, repoStore, db, data.resolve("generations"), credentials);
    Thread hook = new Thread(service::close, "pizza-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    cli.out.println("pizza: serving on http://" + bind + ":" + service.port());
    cli.out.flush();
    service.awaitStop();
    return PizzaCli.OK;
  }
}
