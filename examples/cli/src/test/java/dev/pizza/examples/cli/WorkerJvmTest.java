package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar pizza.jar bake} runs the bake in a worker JVM with flags for a short run: pinned
 * on real processes started from a jar, and on the worker's command line.
 */
class WorkerJvmTest {
  @TempDir Path tmp;

  @Test
  void javaJar_bakesInAWorker_thatKeepsItsFilesBesideTheJar() throws Exception {
    Path repo = tmp.resolve("repo");
    try (TestRepos r = TestRepos.init(repo)) {
      r.commits(3, "dev@example.com");
    }
    Path jars = tmp.resolve("jar");
    ChildPizza.Result result =
        ChildPizza.startJar(jars, tmp.resolve("logs"), home(), bakeArgs(repo.toString()))
            .await(Duration.ofMinutes(2));

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains(": 3 new, 3 total");
    // Only the worker is told where the SQLite library and the schema template are kept.
    try (Stream<Path> files = Files.list(jars)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("pizza-native-"))
          .anyMatch(n -> n.startsWith("pizza-schema-") && n.endsWith(".db"));
    }
  }

  @Test
  void aJvmThatRefusesToDumpTheArchive_isNotAskedAgain_soBakesDoNotAllPayForListing()
      throws Exception {
    Path jar = ChildPizza.jar(tmp.resolve("jar"));
    JarSidecar sidecar =
        JarSidecar.of(jar, Path.of("/bin/false"), Directories.of(Map.of(), tmp.toString()));
    assertThat(sidecar.wantsArchive(List.of())).isTrue();
    Files.writeString(sidecar.classList(), "java/lang/Object\n");

    sidecar.dumpArchive(Path.of("/bin/false"), jar); // a "JVM" that refuses, as some class paths do

    assertThat(sidecar.wantsArchive(List.of())).isFalse();
  }

  @Test
  void killingTheParent_stopsTheWorker_ratherThanLeavingABakeNobodyWaitsFor() throws Exception {
    withWorkerOfAStalledBake(
        (parent, worker) -> {
          assertThat(worker.info().arguments().map(List::of).orElse(List.of()))
              .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

          parent.destroyForcibly().waitFor();

          assertThat(worker.onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        });
  }

  @Test
  void stoppingTheParent_stopsTheWorkerBeforeTheParentEnds() throws Exception {
    withWorkerOfAStalledBake(
        (parent, worker) -> {
          parent.destroy(); // SIGTERM, as kill or a service manager sends
          assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

          assertThat(worker.isAlive()).isFalse();
        });
  }

  /**
   * What a test does with the parent and its worker, which bakes from a server that never answers.
   */
  @FunctionalInterface
  private interface ParentAndWorker {
    void accept(Process parent, ProcessHandle worker) throws Exception;
  }

  private void withWorkerOfAStalledBake(ParentAndWorker test) throws Exception {
    try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT)) {
      ChildPizza parent =
          ChildPizza.startJar(
              tmp.resolve("jar"), tmp.resolve("logs"), home(), bakeArgs(server.url()));
      try {
        test.accept(parent.process(), workerOf(parent));
      } finally {
        parent.kill();
      }
    }
  }

  @Test
  void aCollectorTheUserChose_isKept_forTheJvmRefusesTwo() {
    WorkerJvm.Launch launch =
        WorkerJvm.Launch.of(
                List.of("-XX:+UseParallelGC", "-Xmx1g", "-jar", "pizza.jar", "bake"),
                List.of("bake"))
            .orElseThrow();
    JarSidecar sidecar =
        JarSidecar.of(
            tmp.resolve("pizza.jar"), Path.of("java"), Directories.of(Map.of(), tmp.toString()));

    List<String> command =
        launch.workerCommand(Path.of("java"), sidecar, false, new String[] {"bake"});

    assertThat(command).doesNotContain("-XX:+UseSerialGC").contains("-XX:TieredStopAtLevel=1");
    assertThat(command.subList(command.indexOf("-XX:+UseParallelGC"), command.size()))
        .startsWith("-XX:+UseParallelGC", "-Xmx1g", "-cp")
        .endsWith("bake");
  }

  @Test
  void theWorker_namesItsMainClass_ratherThanOpeningTheJarForItsManifestAsMinusJarDoes() {
    WorkerJvm.Launch launch =
        WorkerJvm.Launch.of(
                List.of("-Xmx256m", "-jar", "pizza.jar", "bake", "r"), List.of("bake", "r"))
            .orElseThrow();
    JarSidecar sidecar =
        JarSidecar.of(
            tmp.resolve("pizza.jar"), Path.of("java"), Directories.of(Map.of(), tmp.toString()));

    List<String> command =
        launch.workerCommand(Path.of("java"), sidecar, false, new String[] {"bake", "r"});

    assertThat(command).doesNotContain("-jar");
    assertThat(command.subList(command.indexOf("-Xmx256m"), command.size()))
        .containsExactly(
            "-Xmx256m",
            "-cp",
            launch.jar().toString(),
            "dev.pizza.examples.cli.PizzaCli",
            "bake",
            "r");
  }

  @Test
  void aJarWhosePathTheClassPathWouldSplit_staysMinusJar() {
    String jar = "/opt/a" + File.pathSeparator + "b/pizza.jar";
    WorkerJvm.Launch launch =
        WorkerJvm.Launch.of(List.of("-jar", jar, "bake"), List.of("bake")).orElseThrow();
    JarSidecar sidecar =
        JarSidecar.of(
            tmp.resolve("pizza.jar"), Path.of("java"), Directories.of(Map.of(), tmp.toString()));

    List<String> command =
        launch.workerCommand(Path.of("java"), sidecar, false, new String[] {"bake"});

    assertThat(command.subList(command.size() - 3, command.size()))
        .containsExactly("-jar", jar, "bake");
    assertThat(command).doesNotContain("-cp", WorkerJvm.MAIN_CLASS);
  }

  @Test
  void aMainClassBeforeMinusJar_isNotAJarLaunch() {
    assertThat(WorkerJvm.Launch.of(List.of("-cp", "x.jar", "Main", "-jar", "y.jar"), List.of()))
        .isEmpty();
    assertThat(WorkerJvm.Launch.of(List.of("-Xmx1g", "-jar"), List.of())).isEmpty();
    assertThat(WorkerJvm.Launch.of(List.of("-Xmx1g", "-jar", "p.jar", "bake"), List.of("bake")))
        .map(WorkerJvm.Launch::options)
        .contains(List.of("-Xmx1g"));
  }

  @Test
  void aCommandLineReportedOtherwiseThanMainGotIt_runsInPlace_ratherThanBakingOtherArguments() {
    assertThat(WorkerJvm.Launch.of(List.of("-jar", "p.jar", "bake", "a"), List.of("bake", "a b")))
        .isEmpty();
    assertThat(WorkerJvm.Launch.of(List.of("-jar", "p.jar", "bake"), List.of("bake", "x")))
        .isEmpty();
  }

  private Map<String, String> home() {
    return Map.of(
        "HOME", tmp.resolve("home").toString(), "XDG_CACHE_HOME", "", "XDG_DATA_HOME", "");
  }

  private String[] bakeArgs(String repository) {
    return new String[] {
      "bake",
      "--data-dir",
      tmp.resolve("data").toString(),
      "--cache-dir",
      tmp.resolve("cache").toString(),
      repository
    };
  }

  /** The worker the parent started, once it runs (at most a minute). */
  private static ProcessHandle workerOf(ChildPizza parent) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> worker = parent.process().children().findFirst();
      if (worker.isPresent()) {
        return worker.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no worker JVM started");
  }
}
