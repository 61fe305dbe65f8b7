package dev.pizza.jgit;

import dev.pizza.jgit.internal.pack.ObjectFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the branches, tags and {@code HEAD} of a repository that keeps refs in files (loose refs
 * under {@code refs/} over {@code packed-refs}), for repositories JGit cannot read: JGit's ref
 * database cuts a SHA-256 id to 40 digits. Ids are returned as hex of the repository's format;
 * symbolic refs are resolved; a ref whose file holds no valid id is skipped, as a broken ref is.
 */
final class RefFiles {
  private static final int MAX_SYMBOLIC_DEPTH = 5;
  private static final String REF_PREFIX = "ref: ";

  /**
   * The most of a loose ref file read: an id or {@code ref: NAME} fits many times over (JGit reads
   * the first 4 KiB). A larger file holds no valid id; read whole, a sparse one of gigabytes ran
   * the heap out.
   */
  static final int MAX_LOOSE = 4096;

  private final GitDirectory dir;
  private final int hexLength;
  private final Map<String, String> packed;

  private RefFiles(GitDirectory dir, ObjectFormat format, Map<String, String> packed) {
    this.dir = dir;
    this.hexLength = format.hexLength();
    this.packed = packed;
  }

  /** Reads the packed refs of {@code dir}; loose ones are read as asked for. */
  static RefFiles open(GitDirectory dir, ObjectFormat format) throws IOException {
    Map<String, String> packed = new TreeMap<>();
    Path file = dir.commonDir().resolve("packed-refs");
    requireNoSpecialFile(file);
    // Line by line: what stays is the map; the whole text and its list of lines were held too.
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        // "<hex> <name>"; "^<hex>" peels the line before it; "#" starts the header.
        int space = line.indexOf(' ');
        if (line.startsWith("#") || line.startsWith("^") || space != format.hexLength()) {
          continue;
        }
        packed.put(line.substring(space + 1).strip(), line.substring(0, space));
      }
    } catch (NoSuchFileException e) {
      // no packed refs
    }
    return new RefFiles(dir, format, packed);
  }

  /**
   * Returns every branch and tag ({@code refs/heads/}, {@code refs/tags/}) with the id it names.
   */
  Map<String, String> branchesAndTags() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String prefix : new String[] {"refs/heads/", "refs/tags/"}) {
      packed.keySet().stream().filter(n -> n.startsWith(prefix)).forEach(names::add);
      Path root = dir.commonDir().resolve(prefix);
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String name = prefix + root.relativize(f).toString().replace('\\', '/');
            if (!name.endsWith(".lock")) {
              names.add(name);
            }
          }
        }
      }
    }
    Map<String, String> out = new TreeMap<>();
    for (String name : names) {
      String id = resolve(name, 0);
      if (id != null) {
        out.put(name, id);
      }
    }
    return out;
  }

  /** Returns the branch {@code HEAD} points at, or null when it is detached or unreadable. */
  @Nullable String headTarget() throws IOException {
    String head = loose(dir.gitDir().resolve("HEAD"));
    if (head != null && head.startsWith(REF_PREFIX)) {
      return head.substring(REF_PREFIX.length()).strip();
    }
    return null;
  }

  private @Nullable String resolve(String name, int depth) throws IOException {
    if (depth > MAX_SYMBOLIC_DEPTH) {
      return null;
    }
    String content = loose(dir.commonDir().resolve(name));
    if (content == null) {
      content = packed.get(name);
      if (content == null) {
        return null;
      }
    }
    if (content.startsWith(REF_PREFIX)) {
      return resolve(content.substring(REF_PREFIX.length()).strip(), depth + 1);
    }
    return isId(content) ? content : null;
  }

  private boolean isId(String s) {
    if (s.length() != hexLength) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String loose(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_LOOSE + 1);
    } catch (NoSuchFileException e) {
      return null; // deleted between the listing and the read
    }
    return bytes.length > MAX_LOOSE ? "" : new String(bytes, StandardCharsets.UTF_8).strip();
  }

  /**
   * Refuses {@code file} when it, or what it links to, is a pipe, a device or a socket: reading it
   * would wait for a writer for ever or never reach its end (as {@code PlainRefs} refuses one).
   */
  private static void requireNoSpecialFile(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return; // none, or a dangling link: read as none below
    }
    if (a.isOther()) {
      throw new IOException("not a regular file where refs are kept: " + file);
    }
  }
}
