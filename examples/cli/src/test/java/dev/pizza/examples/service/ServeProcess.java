package dev.pizza.examples.service;

import dev.pizza.examples.cli.PizzaCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pizza serve} in a child JVM, listening on a free loopback port, with its cache and data
 * directories under a test's directory ({@code cache}, {@code data}) and private network addresses
 * allowed (the test's git server is on loopback).
 *
 * @param process the child; {@code destroy()} is SIGTERM, a graceful stop
 * @param port the port it said it serves on
 * @param out its standard output
 */
record ServeProcess(Process process, int port, Path out) {
  private static final Pattern SERVING =
      Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

  /**
   * Starts {@code pizza serve} with {@code options} besides the common ones; output goes to {@code
   * <name>.out} and {@code <name>.err} in {@code dir}. Returns once it serves (at most a minute).
   */
  static ServeProcess start(Path dir, String name, String... options) throws Exception {
    return startWithHeap(dir, name, "-Xmx256m", options);
  }

  /** As {@link #start}, with the heap limit {@code xmx} (such as {@code -Xmx64m}). */
  static ServeProcess startWithHeap(Path dir, String name, String xmx, String... options)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(xmx);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PizzaCli.class.getName());
    command.addAll(
        List.of(
            "serve",
            "--port",
            "0",
            "--allow-private-network",
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--data-dir",
            dir.resolve("data").toString()));
    command.addAll(List.of(options));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (m.find()) {
        return new ServeProcess(p, Integer.parseInt(m.group(1)), out);
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("the service did not start: " + Files.readString(err));
  }
}
