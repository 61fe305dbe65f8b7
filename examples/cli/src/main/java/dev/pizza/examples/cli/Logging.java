package dev.pizza.examples.cli;

import java.util.List;

/**
 * Configures slf4j-simple, the CLI's logging backend, from the command line. It reads its settings
 * from system properties when the first logger is created, so {@link #configure} runs first thing
 * in {@code main}. Without {@code --verbose} only pizza's warnings and errors show, and of JGit
 * only errors: its warnings (a damaged pack it then works around, a URL it finds odd) come with
 * long stack traces and say nothing the failure line does not; and nothing of its file-system
 * probe, which runs in the background and is cut off when the process exits first. With {@code
 * --verbose} everything from INFO up shows. A level set with {@code -D} wins.
 */
final class Logging {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private Logging() {}

  /** Returns whether the arguments ask for {@code --verbose} (or {@code -v}). */
  static boolean verbose(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--verbose") || a.equals("-v")) {
        return true;
      }
    }
    return false;
  }

  /** Sets the levels; call before any logger is created. */
  static void configure(boolean verbose) {
    setIfAbsent("defaultLogLevel", verbose ? "info" : "error");
    setIfAbsent("log.org.eclipse.jgit", verbose ? "info" : "error");
    // JGit measures the file system's timestamp resolution in a background thread; a bake that ends
    // first cuts it off at exit, and it logs that as an ERROR with a stack trace.
    setIfAbsent("log.org.eclipse.jgit.util.FS", verbose ? "info" : "off");
    setIfAbsent("showThreadName", "false");
    setIfAbsent("showLogName", verbose ? "true" : "false");
    setIfAbsent("showShortLogName", verbose ? "false" : "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}
