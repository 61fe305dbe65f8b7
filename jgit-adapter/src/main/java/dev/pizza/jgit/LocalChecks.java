package dev.pizza.jgit;

import dev.pizza.errors.RepositoryStorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;

/**
 * Checks made before a local repository is opened in place, so that what is wrong with the disk
 * gets its own typed answer instead of "no repository there" or an internal error.
 */
final class LocalChecks {
  private LocalChecks() {}

  /**
   * The most a repository's config may hold: git has no bound, but reads it whole, as JGit and
   * {@link RepositoryFormat} do; a real one is a few kilobytes.
   */
  static final long MAX_CONFIG_BYTES = 16L << 20;

  /** Fails with "permission denied" when {@code dir} exists but this process may not list it. */
  static void requireListable(Path dir) throws RepositoryStorageException {
    if (!Files.isDirectory(dir)) {
      return; // not found (or not a directory): the caller's "no repository there"
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      var unused = entries.iterator().hasNext();
    } catch (DirectoryIteratorException e) {
      // Opening was allowed, reading the entries was not (the denial comes with the first read).
      IOException cause = e.getCause();
      throw unreadable(dir, cause != null ? cause : new IOException(e));
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
  }

  private static RepositoryStorageException unreadable(Path dir, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new RepositoryStorageException(
          "permission denied: cannot read the directory " + dir, e);
    }
    return new RepositoryStorageException("cannot read the directory " + dir + ": " + e, e);
  }

  /**
   * Reads the repository's config the way JGit will (following {@code include.path}) and fails with
   * a typed, clear answer when it or a file it includes is not a git config. JGit's own messages
   * are not quoted: they may hold a line of the file, and a config may hold credentials.
   */
  static void requireValidConfig(Path dir, GitDirectory git) throws RepositoryStorageException {
    Path file = git.commonDir().resolve("config");
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return; // none (or a dangling link): no config, as for git
    }
    if (a.isOther()) {
      // A pipe waits for a writer forever, a device (/dev/zero) never ends: the reading below and
      // JGit's would hang or run the heap out, where git fails or hangs too.
      throw new RepositoryStorageException(
          "the config of the repository at " + dir + " is not a regular file: " + file);
    }
    if (!a.isRegularFile()) {
      return;
    }
    if (a.size() > MAX_CONFIG_BYTES) {
      throw new RepositoryStorageException(
          "the config of the repository at "
              + dir
              + " holds "
              + a.size()
              + " bytes, more than the "
              + MAX_CONFIG_BYTES
              + " a git config is read to");
    }
    FileBasedConfig config = new FileBasedConfig(file.toFile(), FS.DETECTED);
    try {
      config.load();
    } catch (ConfigInvalidException | IllegalArgumentException e) {
      throw new RepositoryStorageException(
          "the config of the repository at "
              + dir
              + " (or a file it names in include.path) is not a valid git config ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    } catch (IOException e) {
      throw new RepositoryStorageException(
          "cannot read the config of the repository at " + dir + ": " + e, e);
    }
  }
}
