package dev.pizza.examples.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs short {@code git} commands against a repository and returns their output. */
final class GitCommand {
  private GitCommand() {}

  /** Returns whether a {@code git} executable runs here. */
  static boolean available() {
    try {
      return MeasuredProcess.run(List.of("git", "--version"), null, true).exitCode() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code git --git-dir=<gitDir> args...} and returns its standard output.
   *
   * @throws IllegalStateException if git exits with a non-zero status
   */
  static String run(Path gitDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("--git-dir=" + gitDir);
    command.addAll(List.of(args));
    return MeasuredProcess.run(command, null, true).requireSuccess(command).stdout();
  }
}
