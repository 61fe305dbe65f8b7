package dev.pizza.examples.cli;

import java.io.IOException;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * A program that configures logging as {@code pizza}'s main does and then logs what the libraries
 * log in the field: a JGit warning with a stack trace, the error JGit's background file-system
 * probe logs when the process exits under it, a pizza warning, an info line.
 */
public final class LoggingProbe {
  private LoggingProbe() {}

  public static void main(String[] args) {
    Logging.configure(Logging.verbose(List.of(args)));
    LoggerFactory.getLogger("org.eclipse.jgit.internal.storage.file.Pack")
        .warn("probe: jgit warning", new IOException("probe: damaged pack"));
    LoggerFactory.getLogger("org.eclipse.jgit.util.FS")
        .error("probe: jgit timestamp probe cut off", new IOException("probe: .probe-1 gone"));
    LoggerFactory.getLogger("dev.pizza.jgit.TransferWatchdog").warn("probe: pizza warning");
    LoggerFactory.getLogger("dev.pizza.jgit.JGitBackend").info("probe: pizza info");
  }
}
