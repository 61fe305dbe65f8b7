package dev.pizza.jgit;

import dev.pizza.RepositoryUrl;
import dev.pizza.errors.PizzaException;
import dev.pizza.errors.UnsupportedRepositoryException;
import dev.pizza.jgit.internal.pack.ObjectFormat;
import dev.pizza.jgit.internal.transport.TransferFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * Reads a repository's format from its {@code config}, as git does before touching anything else,
 * and refuses what this reader cannot honour (JGit does not check: it opens a SHA-256 repository
 * and reads its ids cut to 40 digits).
 *
 * <p>Git's rules: {@code core.repositoryFormatVersion} above 1 is refused. At version 1 every
 * {@code extensions.*} key must be one git knows, or git refuses the repository. At version 0 the
 * old extensions ({@code noop}, {@code preciousObjects}, {@code partialClone}, {@code
 * worktreeConfig}) are honoured, a version-1-only one ({@code objectFormat} and the like) is
 * refused, and any other is ignored. Honoured here, for reading: {@link #READABLE}; {@code
 * refStorage} only as {@code files} (reftable refs cannot be read).
 */
final class RepositoryFormat {
  /** Extensions a read-only walk honours by reading as it does (lowercase, as git compares). */
  static final List<String> READABLE =
      List.of(
          "noop",
          "noop-v1",
          "objectformat",
          "compatobjectformat",
          "preciousobjects",
          "partialclone",
          "worktreeconfig",
          "refstorage");

  /** The extensions git honours in a version 0 repository. */
  private static final List<String> VERSION_0 =
      List.of("noop", "preciousobjects", "partialclone", "worktreeconfig");

  private RepositoryFormat() {}

  /**
   * Returns the object format of the repository whose shared git directory (where {@code config}
   * is) is {@code commonDir}; {@code where} names it in messages.
   *
   * @throws UnsupportedRepositoryException if git would refuse it, or this reader cannot read it
   */
  static ObjectFormat read(Path commonDir, String where)
      throws UnsupportedRepositoryException, IOException {
    String text;
    try {
      text = Files.readString(commonDir.resolve("config"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return ObjectFormat.SHA1; // no config: version 0, no extensions
    }
    Config config = new Config();
    try {
      config.fromText(text);
    } catch (ConfigInvalidException e) {
      throw new IOException("the config of " + where + " cannot be parsed", e);
    }
    return of(config, where);
  }

  /** Applies git's rules to a parsed {@code config}; see {@link #read}. */
  static ObjectFormat of(Config config, String where) throws UnsupportedRepositoryException {
    long version;
    try {
      version = config.getLong("core", null, "repositoryformatversion", 0);
    } catch (IllegalArgumentException e) {
      throw refused(where, "its core.repositoryFormatVersion is not a number");
    }
    if (version < 0 || version > 1) {
      throw refused(
          where, "its core.repositoryFormatVersion is " + version + "; git reads 0 and 1 only");
    }
    ObjectFormat format = ObjectFormat.SHA1;
    for (String name : config.getNames("extensions")) {
      String key = name.toLowerCase(Locale.ROOT);
      String value = String.valueOf(config.getString("extensions", null, name));
      if (version == 0) {
        if (!VERSION_0.contains(key) && READABLE.contains(key)) {
          throw refused(
              where, "it is at format version 0 but uses the version-1 extension " + name);
        }
        continue; // git ignores extensions it does not know in version 0
      }
      if (!READABLE.contains(key)) {
        throw refused(
            where,
            "it uses the repository extension extensions."
                + name
                + ", which this reader does not know (git refuses such a repository too)");
      }
      if (key.equals("objectformat")) {
        ObjectFormat f = ObjectFormat.byConfigName(value);
        if (f == null) {
          throw refused(where, "its extensions.objectFormat is the unknown '" + value + "'");
        }
        format = f;
      } else if (key.equals("refstorage") && !value.equalsIgnoreCase("files")) {
        throw refused(where, "it keeps its refs as '" + value + "', which cannot be read here");
      }
    }
    return format;
  }

  /**
   * Refuses a {@code file://} remote that JGit's transport would serve wrongly, before the store is
   * touched: a SHA-256 repository (JGit reads its ids cut to 40 digits) or one with a repository
   * extension git would refuse.
   */
  static void requireFetchable(RepositoryUrl url) throws PizzaException {
    ObjectFormat format;
    try {
      Path path = url.localPath();
      GitDirectory dir = GitDirectory.locate(path);
      if (dir == null) {
        // As the transport does: "x" names "x.git" when there is no repository at "x".
        dir = GitDirectory.locate(path.resolveSibling(path.getFileName() + ".git"));
      }
      if (dir == null) {
        return; // the transport reports that there is no repository
      }
      format = RepositoryFormat.read(dir.commonDir(), url.toString());
    } catch (IOException e) {
      return; // the transport reports what is wrong with it
    }
    if (format != ObjectFormat.SHA1) {
      throw TransferFailures.unsupportedFormat(url, format.hashName());
    }
  }

  private static UnsupportedRepositoryException refused(String where, String why) {
    return new UnsupportedRepositoryException("cannot read " + where + ": " + why);
  }
}
