package dev.pizza.jgit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Lists the branches, tags and {@code HEAD} of a SHA-1 repository that keeps refs in files exactly
 * as JGit's ref directory does, when the files hold only the plain forms git writes; anything else
 * is left to JGit. JGit's listing costs a new process 27 ms of CPU on rails (634 refs, a 1,113-line
 * packed-refs; its classes loaded and every ref parsed into a Ref), and resolving {@code HEAD} for
 * the mailmap parses packed-refs again (10 ms); this reading costs 13 ms for both.
 */
final class PlainRefs {
  private static final String REF_PREFIX = "ref: ";

  private PlainRefs() {}

  /**
   * A branch or tag as JGit's ref database reports it: the id it names and, from {@code
   * packed-refs}, whether it is known peeled and to what ({@code peeled} is null for a ref known to
   * name no tag).
   */
  record Listed(String id, boolean isPeeled, @Nullable String peeled) {}

  /**
   * The branches and tags ({@link Listed}), the branch {@code HEAD} points at if any, and the id
   * {@code HEAD} names (null when its branch is unborn).
   */
  record Listing(
      Map<String, Listed> refs, @Nullable String defaultBranch, @Nullable String headId) {}

  /**
   * Lists a SHA-1 repository's branches, tags and default branch exactly as JGit's ref directory
   * does (see {@link Exact}), or returns null when the files hold anything outside the plain forms
   * git writes, for which JGit's reading is the one to keep.
   *
   * @throws IOException if a ref file read is a pipe, a device or a socket (or a link to one),
   *     which reading could wait on forever or never finish (as JGit's does)
   */
  static @Nullable Listing list(GitDirectory dir) throws IOException {
    try {
      return new Exact(dir).read();
    } catch (SpecialFile e) {
      throw e;
    } catch (IOException | NotPlain | RuntimeException e) {
      return null;
    }
  }

  /** A ref file that is no file: a FIFO, a device, a socket. */
  private static final class SpecialFile extends IOException {
    private static final long serialVersionUID = 1L;

    SpecialFile(Path file) {
      super("not a regular file where a ref is kept: " + file);
    }
  }

  /** Something JGit reads in a way of its own (a broken ref, an odd line): JGit reads it. */
  private static final class NotPlain extends Exception {
    private static final long serialVersionUID = 1L;

    NotPlain() {
      super(null, null, false, false);
    }
  }

  /**
   * JGit's reading of the plain forms (RefDirectory in JGit 7.8): branches and tags are every file
   * under {@code refs/heads/} and {@code refs/tags/} (names ending in {@code .lock} skipped, files
   * and directories alike) over {@code packed-refs}; a loose file is {@code <40 hex>\n} or {@code
   * ref: <name>\n}; a symbolic ref is followed through at most 5 symbolic refs and dropped when it
   * leads nowhere. A packed ref followed by a {@code ^} line is a peeled tag; one without is known
   * to name no tag when the header has the trait {@code fully-peeled}, or {@code peeled} and it is
   * under {@code refs/tags/}; otherwise it is not peeled, as a loose ref is not. {@code HEAD} names
   * the default branch when it is {@code ref: refs/heads/<name>\n} and that branch's loose file, if
   * any, is no symbolic ref; its id is that branch's (or its own when detached). Anything else
   * throws {@link NotPlain}.
   */
  private static final class Exact {
    private static final String HEADER = "# pack-refs with:";
    private static final int HEX = 40;
    private static final int MAX_SYMBOLIC = 5;

    /** JGit reads a loose ref's first 4 KiB; a longer file is left to it. */
    private static final int MAX_LOOSE = 4096;

    /** A larger {@code packed-refs} is left to JGit's reading, line by line. */
    private static final int MAX_PACKED = 64 << 20;

    private final GitDirectory dir;
    private final Map<String, Listed> packed = new TreeMap<>();

    /** The loose files found under the scanned directories: no other name there is stat'ed. */
    private final Set<String> loose = new java.util.HashSet<>();

    Exact(GitDirectory dir) {
      this.dir = dir;
    }

    Listing read() throws IOException, NotPlain {
      readPacked();
      Set<String> names = new TreeSet<>();
      for (String name : packed.keySet()) {
        if (name.startsWith("refs/heads/") || name.startsWith("refs/tags/")) {
          names.add(name);
        }
      }
      // Both trees are scanned before any symbolic ref is followed into them.
      for (String prefix : List.of("refs/heads/", "refs/tags/")) {
        Path root = dir.commonDir().resolve(prefix);
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
          scan(root, prefix, names);
        }
      }
      Map<String, Listed> out = new TreeMap<>();
      for (String name : names) {
        Listed ref = resolve(name, 0);
        if (ref != null) {
          out.put(name, ref);
        }
      }
      return withHead(out);
    }

    private void scan(Path directory, String prefix, Set<String> names)
        throws IOException, NotPlain {
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotPlain();
      }
      try (Stream<Path> entries = Files.list(directory)) {
        for (Path entry : (Iterable<Path>) entries::iterator) {
          String file = entry.getFileName().toString();
          if (file.endsWith(".lock")) {
            continue; // JGit's LockFile.FILTER
          }
          if (!isPlainSegment(file)) {
            throw new NotPlain();
          }
          if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            scan(entry, prefix + file + "/", names);
          } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
            names.add(prefix + file);
            loose.add(prefix + file);
          } else {
            requireNoSpecialFile(entry);
            throw new NotPlain(); // a symbolic link
          }
        }
      }
    }

    /** Returns the ref {@code name} names through symbolic refs, or null when JGit drops it. */
    private @Nullable Listed resolve(String name, int depth) throws IOException, NotPlain {
      boolean scanned = name.startsWith("refs/heads/") || name.startsWith("refs/tags/");
      String content =
          scanned && !loose.contains(name) ? null : looseContent(dir.commonDir().resolve(name));
      if (content == null) {
        return packed.get(name);
      }
      if (!content.startsWith(REF_PREFIX)) {
        return new Listed(content, false, null);
      }
      if (packed.containsKey(name)) {
        throw new NotPlain(); // JGit shows the packed ref when the symbolic one leads nowhere
      }
      if (depth >= MAX_SYMBOLIC) {
        return null;
      }
      return resolve(content.substring(REF_PREFIX.length()), depth + 1);
    }

    /** Returns a loose ref file's id or {@code ref: <name>}, or null when there is no such file. */
    private @Nullable String looseContent(Path file) throws IOException, NotPlain {
      byte[] bytes;
      try {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            requireNoSpecialFile(file);
            throw new NotPlain(); // a directory or a symbolic link
          }
          return null;
        }
        bytes = readAtMost(file, MAX_LOOSE);
      } catch (NoSuchFileException e) {
        return null;
      }
      if (bytes.length > MAX_LOOSE
          || bytes.length < 2
          || bytes[bytes.length - 1] != '\n'
          || !isAscii(bytes)) {
        throw new NotPlain();
      }
      String s = new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
      if (isHex(s, 0, s.length()) && s.length() == HEX) {
        return s;
      }
      if (s.startsWith(REF_PREFIX)) {
        String target = s.substring(REF_PREFIX.length());
        if (isPlainName(target)
            && (target.startsWith("refs/heads/")
                || target.startsWith("refs/tags/")
                || target.startsWith("refs/remotes/"))) {
          return s;
        }
      }
      throw new NotPlain();
    }

    /**
     * Returns the listing with what {@code HEAD} says: the branch it points at, and the id JGit's
     * {@code resolve("HEAD")} gives (the target's id, unpeeled; null when the branch is unborn).
     */
    private Listing withHead(Map<String, Listed> refs) throws IOException, NotPlain {
      String head = looseContent(dir.gitDir().resolve("HEAD"));
      if (head == null) {
        throw new NotPlain();
      }
      if (!head.startsWith(REF_PREFIX)) {
        return new Listing(refs, null, head); // detached
      }
      String target = head.substring(REF_PREFIX.length());
      String content = looseContent(dir.commonDir().resolve(target));
      if (content != null && content.startsWith(REF_PREFIX)) {
        throw new NotPlain(); // JGit forgets HEAD when that chain is too long
      }
      Listed packedTarget = packed.get(target);
      String id = content != null ? content : packedTarget == null ? null : packedTarget.id();
      return new Listing(refs, target.startsWith("refs/heads/") ? target : null, id);
    }

    private void readPacked() throws IOException, NotPlain {
      Path file = dir.commonDir().resolve("packed-refs");
      byte[] bytes;
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isOther()) {
          throw new SpecialFile(file);
        }
        if (!a.isRegularFile()) {
          throw new NotPlain(); // a directory
        }
        bytes = readAtMost(file, MAX_PACKED);
      } catch (NoSuchFileException e) {
        return;
      }
      if (bytes.length > MAX_PACKED || !isAscii(bytes)) {
        throw new NotPlain();
      }
      String text = new String(bytes, StandardCharsets.US_ASCII);
      if (text.indexOf('\r') >= 0) {
        throw new NotPlain();
      }
      boolean peeledTags = false;
      boolean fullyPeeled = false;
      String last = null;
      String lastId = "";
      boolean lastPeeled = true;
      for (int start = 0; start < text.length(); ) {
        int nl = text.indexOf('\n', start);
        int end = nl < 0 ? text.length() : nl;
        int length = end - start;
        if (start == 0 && text.startsWith(HEADER)) {
          String traits = text.substring(HEADER.length(), end);
          peeledTags = traits.contains(" peeled");
          fullyPeeled = traits.contains(" fully-peeled");
        } else if (length == HEX + 1 && text.charAt(start) == '^') {
          if (last == null || lastPeeled || !isHex(text, start + 1, end)) {
            throw new NotPlain();
          }
          packed.put(last, new Listed(lastId, true, text.substring(start + 1, end)));
          lastPeeled = true;
        } else if (length > HEX + 1
            && text.charAt(start + HEX) == ' '
            && isHex(text, start, start + HEX)) {
          String name = text.substring(start + HEX + 1, end);
          if (!isPlainName(name) || (last != null && last.compareTo(name) >= 0)) {
            throw new NotPlain();
          }
          boolean known = fullyPeeled || (peeledTags && name.startsWith("refs/tags/"));
          lastId = text.substring(start, start + HEX);
          packed.put(name, new Listed(lastId, known, null));
          last = name;
          lastPeeled = false;
        } else {
          throw new NotPlain(); // a blank line, a comment, a line JGit reads its own way or refuses
        }
        start = end + 1;
      }
    }

    /** Reads {@code file} up to one byte more than {@code max}, as a file may grow meanwhile. */
    private static byte[] readAtMost(Path file, int max) throws IOException {
      try (InputStream in = Files.newInputStream(file)) {
        return in.readNBytes(max + 1);
      }
    }

    /**
     * Throws {@link SpecialFile} if {@code file}, or what it links to, is a pipe, a device or a
     * socket: JGit's reading would wait for a writer forever or never reach the end.
     */
    private static void requireNoSpecialFile(Path file) throws SpecialFile {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (IOException e) {
        return; // a dangling link, a loop of links: JGit reads no ref there
      }
      if (a.isOther()) {
        throw new SpecialFile(file);
      }
    }

    private static boolean isAscii(byte[] bytes) {
      for (byte b : bytes) {
        if (b < 0) {
          return false;
        }
      }
      return true;
    }

    private static boolean isHex(String s, int from, int to) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }

    /** A name {@code refs/...} of plain segments, of those git's check-ref-format allows. */
    private static boolean isPlainName(String name) {
      if (!name.startsWith("refs/")) {
        return false;
      }
      int from = 0;
      for (int slash = name.indexOf('/'); ; slash = name.indexOf('/', from)) {
        int to = slash < 0 ? name.length() : slash;
        if (!isPlainSegment(name, from, to) || name.startsWith(".lock", to - 5)) {
          return false;
        }
        if (slash < 0) {
          return true;
        }
        from = slash + 1;
      }
    }

    private static boolean isPlainSegment(String segment) {
      return isPlainSegment(segment, 0, segment.length());
    }

    private static boolean isPlainSegment(String s, int from, int to) {
      if (from >= to || s.charAt(from) == '.') {
        return false;
      }
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c <= ' ' || c >= 0x7f || "\\~^:?*[".indexOf(c) >= 0) {
          return false; // what git's check-ref-format refuses, and any space or control
        }
        if (c == '.' && i + 1 < to && s.charAt(i + 1) == '.') {
          return false;
        }
      }
      return true;
    }
  }
}
