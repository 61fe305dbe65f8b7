package dev.pizza.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The files a {@link WorkerJvm} keeps for one jar and one JVM, in one directory: the jar's own when
 * it can be written into, else {@code pizza-jvm} beside the cache directory ({@code
 * $XDG_CACHE_HOME/pizza-jvm}, by default {@code ~/.cache/pizza-jvm}). Each name carries a key of
 * the jar and the java program (path, size, modification time), so a new jar or JDK gets files of
 * its own:
 *
 * <ul>
 *   <li>{@code pizza-cds-KEY.jsa}, the class-data archive: a static archive dumped ({@code
 *       -Xshare:dump}) from the list of classes the first bake loaded. Unlike one written at exit
 *       ({@code -XX:ArchiveClassesAtExit}) it also holds the JDK's classes and the method handles
 *       that lambdas and string concatenation spin up. The archive is written to a file of this
 *       process's own and renamed when complete, so that concurrent runs never map half of one;
 *       {@code -Dpizza.cds.training=true} makes that first bake load what other bakes may need
 *       ({@link CdsTraining}). When the JVM refuses to dump (a class path it cannot archive),
 *       {@code pizza-cds-KEY.refused} says so, and later bakes do not list their classes again;
 *   <li>{@code pizza-native-KEY/}, SQLite's native library ({@link SqliteNativeLibrary});
 *   <li>{@code pizza-schema-KEY.db}, an empty database with the jar's schema ({@link
 *       SchemaTemplate}).
 * </ul>
 *
 * <p>A user who passes {@code -Xshare:...} or {@code -XX:SharedArchiveFile} keeps that choice.
 */
final class JarSidecar {
  private final boolean writable;
  private final Path archive;
  private final Path classList;
  private final Path refused;
  private final Path nativeDirectory;
  private final Path template;

  private JarSidecar(Path directory, boolean writable, String key) {
    this.writable = writable;
    this.archive = directory.resolve("pizza-cds-" + key + ".jsa");
    this.classList =
        directory.resolve("pizza-cds-" + key + "." + ProcessHandle.current().pid() + ".classes");
    this.refused = directory.resolve("pizza-cds-" + key + ".refused");
    this.nativeDirectory = directory.resolve("pizza-native-" + key);
    this.template = directory.resolve("pizza-schema-" + key + ".db");
  }

  /** The files of {@code jar} run by {@code java}, with {@code directories}' cache as fallback. */
  static JarSidecar of(Path jar, Path java, Directories directories) {
    String key = key(jar, java);
    Path beside = jar.getParent();
    if (beside != null && Files.isWritable(beside)) {
      return new JarSidecar(beside, true, key);
    }
    Path own = directories.cache().resolveSibling("pizza-jvm");
    return new JarSidecar(own, makeWritable(own), key);
  }

  /**
   * Whether the first bake should list its classes: no archive yet, the user chose none, and the
   * JVM did not refuse to dump one before (it would again, and every bake would pay for listing).
   */
  boolean wantsArchive(List<String> options) {
    return writable
        && !choosesSharing(options)
        && !Files.isRegularFile(archive)
        && !Files.exists(refused);
  }

  /** The worker's flags for these files: {@code train} lists the loaded classes for an archive. */
  List<String> flags(List<String> options, boolean train) {
    String files = "-D" + SqliteNativeLibrary.DIRECTORY + "=" + nativeDirectory;
    String schema = "-D" + SchemaTemplate.FILE + "=" + template;
    if (!writable) {
      return List.of();
    }
    if (train) {
      return List.of(
          files,
          schema,
          "-XX:DumpLoadedClassList=" + classList,
          "-D" + CdsTraining.PROPERTY + "=true");
    }
    if (!choosesSharing(options) && Files.isRegularFile(archive)) {
      return List.of(
          files,
          schema,
          "-Xshare:auto",
          "-Xlog:cds=off",
          "-Xlog:cds+dynamic=off",
          "-XX:SharedArchiveFile=" + archive);
    }
    return List.of(files, schema);
  }

  /**
   * Dumps the archive from the classes the first bake listed (seconds, once per jar and JVM);
   * leaves no archive when anything fails.
   */
  void dumpArchive(Path java, Path jar) {
    Path partial =
        archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid());
    try {
      if (Files.size(classList) == 0) {
        return;
      }
      Process dump =
          new ProcessBuilder(
                  java.toString(),
                  "-Xshare:dump",
                  "-XX:SharedClassListFile=" + classList,
                  "-XX:SharedArchiveFile=" + partial,
                  "-cp",
                  jar.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (dump.waitFor() == 0 && Files.size(partial) > 0) {
        try {
          Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        Files.write(refused, new byte[0]);
      }
    } catch (IOException e) {
      // No archive: later runs start without one, and the next first bake tries again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteQuietly(partial);
    }
  }

  /** Where a training bake of this process lists the classes it loads. */
  Path classList() {
    return classList;
  }

  /** Deletes this process's list of classes, if any. */
  void deleteClassList() {
    deleteQuietly(classList);
  }

  private static boolean choosesSharing(List<String> options) {
    for (String o : options) { // no stream: this runs in the parent, which has no archive
      if (o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile")) {
        return true;
      }
    }
    return false;
  }

  private static String key(Path jar, Path java) {
    StringBuilder s = new StringBuilder();
    for (Path p : List.of(jar, java)) {
      s.append(p).append('\n');
      try {
        Path real = p.toRealPath();
        s.append(real).append(' ').append(Files.size(real)).append(' ');
        s.append(Files.getLastModifiedTime(real).toMillis()).append('\n');
      } catch (IOException e) {
        s.append("?\n");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(s.toString().getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  private static boolean makeWritable(Path path) {
    try {
      Files.createDirectories(path);
      return Files.isWritable(path);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Left behind: a few kilobytes, named after a process that is gone.
    }
  }
}
