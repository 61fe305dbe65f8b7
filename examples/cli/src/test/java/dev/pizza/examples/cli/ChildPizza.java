package dev.pizza.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Runs {@code pizza} in a child JVM ({@code java -cp <test class path> PizzaCli ...}) with an
 * environment of the test's choosing, so that what only {@code main} does (logging, $HOME) and what
 * needs two processes (locks) is tested for real. Output goes to files, read when asked.
 */
final class ChildPizza {
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildPizza(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  record Result(int code, String out, String err) {}

  /**
   * Starts pizza with {@code args} in this JVM's environment changed by {@code env} (an empty value
   * removes the variable).
   */
  static ChildPizza start(Path logs, Map<String, String> env, String... args) throws IOException {
    return start(PizzaCli.class, logs, env, args);
  }

  /** Starts {@code main} of {@code program} instead of pizza's. */
  static ChildPizza start(Class<?> program, Path logs, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of("-Xmx256m", "-cp", classPath(), program.getName()), logs, env, args);
  }

  /** Starts pizza with {@code jvmOptions} (a heap limit, say) instead of {@code -Xmx256m}. */
  static ChildPizza startWith(
      List<String> jvmOptions, Path logs, Map<String, String> env, String... args)
      throws IOException {
    List<String> launch = new ArrayList<>(jvmOptions);
    launch.addAll(List.of("-cp", classPath(), PizzaCli.class.getName()));
    return start(launch, logs, env, args);
  }

  /**
   * Runs pizza with {@code args} under the heap limit {@code heap} ({@code -Xmx48m}, say), in a new
   * home directory under {@code tmp} and with its output in {@code tmp/logs}; waits up to two
   * minutes for it.
   */
  static Result runWithHeap(String heap, Path tmp, String... args) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    return startWith(List.of(heap), tmp.resolve("logs"), Map.of("HOME", home.toString()), args)
        .await(Duration.ofMinutes(2));
  }

  /**
   * Starts pizza as {@code java -Xmx256m -jar JAR} would, from a jar made in {@code directory}
   * whose manifest names pizza's main class and this test's class path: what only {@code java -jar}
   * does (the worker JVM) is tested for real. Returns the child; {@link #jar} names the jar.
   */
  static ChildPizza startJar(Path directory, Path logs, Map<String, String> env, String... args)
      throws IOException {
    return start(List.of("-Xmx256m", "-jar", jar(directory).toString()), logs, env, args);
  }

  /** The jar {@link #startJar} runs, made in {@code directory} when missing. */
  static Path jar(Path directory) throws IOException {
    Path jar = directory.resolve("pizza-test.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, PizzaCli.class.getName());
    StringBuilder path = new StringBuilder();
    for (String entry : classPath().split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        path.append(path.length() == 0 ? "" : " ").append(Path.of(entry).toUri());
      }
    }
    main.put(Attributes.Name.CLASS_PATH, path.toString());
    Files.createDirectories(directory);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
    return jar;
  }

  private static ChildPizza start(
      List<String> launch, Path logs, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch);
    command.addAll(List.of(args));
    Files.createDirectories(logs);
    Path out = Files.createTempFile(logs, "out", ".txt");
    Path err = Files.createTempFile(logs, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    env.forEach(
        (k, v) -> {
          if (v.isEmpty()) {
            pb.environment().remove(k);
          } else {
            pb.environment().put(k, v);
          }
        });
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    return new ChildPizza(pb.start(), out, err);
  }

  /** Runs pizza to its end (at most two minutes). */
  static Result run(Path logs, Map<String, String> env, String... args) throws Exception {
    return start(logs, env, args).await(Duration.ofMinutes(2));
  }

  /**
   * Bakes {@code repository} in a child with {@code env}, to its end: {@code options} first, then
   * the data directory {@code tmp/data-NAME} and the cache {@code tmp/cache}, which every such bake
   * of a test shares.
   */
  static Result bake(
      Path tmp, Map<String, String> env, Path repository, String name, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("bake"));
    args.addAll(List.of(options));
    args.addAll(
        List.of(
            "--data-dir",
            tmp.resolve("data-" + name).toString(),
            "--cache-dir",
            tmp.resolve("cache").toString(),
            repository.toString()));
    return run(tmp.resolve("logs"), env, args.toArray(String[]::new));
  }

  /** Returns what the child wrote to standard error so far. */
  String errSoFar() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Waits for the child's end and returns its status and output; kills it after {@code limit}. */
  Result await(Duration limit) throws Exception {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("pizza did not end within " + limit + "; stderr: " + errSoFar());
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The child's process. */
  Process process() {
    return process;
  }

  /** Kills the child if it still runs. */
  void kill() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isEmpty()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
