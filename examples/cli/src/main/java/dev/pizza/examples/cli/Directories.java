package dev.pizza.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the CLI keeps its files by default, as CLI users on Linux expect (the XDG Base Directory
 * specification): data in {@code $XDG_DATA_HOME/pizza}, else {@code $HOME/.local/share/pizza};
 * mirrors in {@code $XDG_CACHE_HOME/pizza}, else {@code $HOME/.cache/pizza}. An XDG variable that
 * is empty or not an absolute path is ignored, as the specification says.
 *
 * <p>The home is {@code $HOME}, not the JVM's {@code user.home}: the JVM takes that from the
 * account database and ignores {@code $HOME}, so a run with another {@code $HOME} would still write
 * to the account's home. {@code user.home} is the fallback when {@code $HOME} is unset.
 *
 * @param home the user's home
 * @param data the data directory (pizza.db and the generation numbers of local repositories)
 * @param cache the repository store's root
 */
record Directories(Path home, Path data, Path cache) {

  /** Returns the directories of this process's environment. */
  static Directories ofEnvironment() {
    return of(System.getenv(), System.getProperty("user.home", "/"));
  }

  /** Returns the directories for the environment {@code env}, with {@code userHome} as fallback. */
  static Directories of(Map<String, String> env, String userHome) {
    Path home = absolute(env.get("HOME"));
    if (home == null) {
      home = Path.of(userHome).toAbsolutePath();
    }
    Path dataHome = absolute(env.get("XDG_DATA_HOME"));
    Path cacheHome = absolute(env.get("XDG_CACHE_HOME"));
    return new Directories(
        home,
        (dataHome != null ? dataHome : home.resolve(".local").resolve("share")).resolve("pizza"),
        (cacheHome != null ? cacheHome : home.resolve(".cache")).resolve("pizza"));
  }

  private static @Nullable Path absolute(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() ? p : null;
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }
}
