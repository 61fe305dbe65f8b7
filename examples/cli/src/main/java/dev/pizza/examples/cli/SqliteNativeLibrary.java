package dev.pizza.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Points sqlite-jdbc at a copy of its native library kept in a directory the worker JVM is given
 * ({@code -Dpizza.sqlite.native=DIR}, beside its class-data archive and keyed like it on the jar
 * and the JVM), instead of letting it find out which one to use on every run: by default the driver
 * runs {@code uname} in a child process to tell Android and musl from other Linux systems, copies
 * the library out of the jar into the temporary directory and compares the copy with the jar's byte
 * by byte, about 0.08 s of CPU of a short bake. The first run copies the library the driver would
 * have chosen into the directory; later runs load it from there, and the driver's temporary
 * directory, which it lists on every start for stale copies, is that directory too rather than
 * {@code java.io.tmpdir}. Without the property, or when anything fails, the driver finds its
 * library as usual.
 */
final class SqliteNativeLibrary {
  /** The system property that names the directory. */
  static final String DIRECTORY = "pizza.sqlite.native";

  /** sqlite-jdbc's temporary directory, which its start lists (see {@link #useCachedCopy}). */
  static final String TEMPORARY = "org.sqlite.tmpdir";

  private SqliteNativeLibrary() {}

  /** Sets sqlite-jdbc's {@code org.sqlite.lib.path} and {@code .name}; call before it loads. */
  static void useCachedCopy() {
    String dir = System.getProperty(DIRECTORY);
    if (dir == null || dir.isEmpty() || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      Path directory = Path.of(dir);
      String name = LibraryLoaderUtil.getNativeLibName();
      Path library = directory.resolve(name);
      if (!Files.isRegularFile(library) && !copyOut(directory, name, library)) {
        return;
      }
      System.setProperty("org.sqlite.lib.path", directory.toString());
      System.setProperty("org.sqlite.lib.name", name);
      if (System.getProperty(TEMPORARY) == null) {
        // The driver's start lists this directory for stale copies of its own (sqlite-VERSION-*
        // .lck): the default, java.io.tmpdir, may hold thousands of entries. It extracts nothing
        // there now that it loads the library from the directory above.
        System.setProperty(TEMPORARY, directory.toString());
      }
    } catch (IOException | RuntimeException e) {
      // The driver finds its library as usual.
    }
  }

  /** Copies the library the driver would choose into {@code library}, whole or not at all. */
  private static boolean copyOut(Path directory, String name, Path library) throws IOException {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(directory);
      Path part = Files.createTempFile(directory, name, ".part");
      try {
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
    }
    return true;
  }
}
