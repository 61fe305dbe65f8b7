package dev.pizza.examples.cli;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Tells JGit where git's system-wide config lives instead of letting it ask: by default JGit runs
 * {@code git --version} and {@code git config --system --list} in child processes to find that
 * file, which costs a short-lived program a good part of its start-up. Git built for a Linux
 * distribution reads {@code /etc/gitconfig}; {@code GIT_CONFIG_SYSTEM} names another file and
 * {@code GIT_CONFIG_NOSYSTEM} turns it off, as in git. And JGit's own config file is read through
 * {@link AssumedFileStoreAttributes}, so that JGit does not measure file systems (writing probe
 * files into the repository and its findings under {@code $HOME}).
 *
 * <p>This changes a JVM-wide JGit setting, so only programs call it (the CLI and the benchmark),
 * never the library.
 */
public final class SystemGitConfig {
  private SystemGitConfig() {}

  /** Installs the setting for this JVM. */
  public static void install() {
    SystemReader current = SystemReader.getInstance();
    SystemReader.setInstance(
        new SystemReader.Delegate(current) {
          @Override
          public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            String off = getenv("GIT_CONFIG_NOSYSTEM");
            String named = getenv("GIT_CONFIG_SYSTEM");
            if (off != null && !off.isEmpty()) {
              return new FileBasedConfig(parent, null, fs) {
                @Override
                public void load() {}

                @Override
                public boolean isOutdated() {
                  return false;
                }
              };
            }
            File file = new File(named != null && !named.isEmpty() ? named : "/etc/gitconfig");
            return new FileBasedConfig(parent, file, fs);
          }

          @Override
          public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            File file = current.openJGitConfig(parent, fs).getFile();
            return new AssumedFileStoreAttributes(parent, file, fs);
          }
        });
  }
}
