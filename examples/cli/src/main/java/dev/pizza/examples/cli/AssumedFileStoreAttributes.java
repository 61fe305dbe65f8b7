package dev.pizza.examples.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * JGit's own config file ({@code ~/.config/jgit/config}) as the CLI lets JGit see it: with a
 * timestamp resolution for every mounted file system it does not already name, and never written.
 *
 * <p>Without it, the first time JGit checks whether a file changed on a file system it has no
 * figures for, it measures that file system: it writes probe files into the directory it checks
 * (the repository being baked), spins for about three seconds measuring the "racy" interval, and
 * saves the result to this file under {@code $HOME}. A CI container or a fresh pod pays that on
 * every run. The resolution assumed here is JGit's own fallback for a file system it has not
 * measured ({@link FS.FileStoreAttributes#FALLBACK_TIMESTAMP_RESOLUTION}, 2 seconds), the coarsest
 * there is: a file changed within that time of being read is taken as changed and read again, which
 * costs a short-lived program nothing. Figures the file already holds (measured by another JGit
 * program) are used as they are.
 *
 * <p>JGit keys the figures by Java vendor, Java version and the file store's name ({@code
 * filesystem "Oracle Corporation|17.0.15|/dev/sda1"}); on Windows it keys them by volume serial
 * number instead, which this class does not know, so there JGit measures as before (and cannot save
 * what it measured).
 */
final class AssumedFileStoreAttributes extends FileBasedConfig {
  private static final String KEY_PREFIX =
      System.getProperty("java.vendor") + '|' + System.getProperty("java.version") + '|';

  AssumedFileStoreAttributes(Config parent, File file, FS fs) {
    super(parent, file, fs);
  }

  /** Reads the file, then assumes the fallback resolution for each file store it does not name. */
  @Override
  public void load() throws IOException, ConfigInvalidException {
    super.load();
    String resolution =
        FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toMillis() + " milliseconds";
    for (FileStore store : FileSystems.getDefault().getFileStores()) {
      String key = KEY_PREFIX + store.name();
      if (getString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, RESOLUTION) == null) {
        setString(ConfigConstants.CONFIG_FILESYSTEM_SECTION, key, RESOLUTION, resolution);
      }
    }
  }

  /** Writes nothing: a run of the CLI leaves nothing under {@code $HOME}. */
  @Override
  public void save() {}

  private static final String RESOLUTION = ConfigConstants.CONFIG_KEY_TIMESTAMP_RESOLUTION;
}
