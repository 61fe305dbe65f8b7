package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs native git for tests that need a repository only git itself writes (packs, shallow clones).
 */
public final class NativeGit {
  private NativeGit() {}

  /** Skips the calling test when git is not installed. */
  public static void assumeInstalled(String why) {
    boolean installed;
    try {
      installed = new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      installed = false;
    }
    assumeTrue(installed, "native git is needed " + why);
  }

  /** Runs {@code git -C dir args...}, fails the test unless it exits 0, and returns its output. */
  public static String run(Path dir, String... args) throws Exception {
    return run(java.util.Map.of(), dir, args);
  }

  /** Runs {@code git -C dir args...} with {@code env} added to the environment; see above. */
  public static String run(java.util.Map<String, String> env, Path dir, String... args)
      throws Exception {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = dir.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out;
  }
}
