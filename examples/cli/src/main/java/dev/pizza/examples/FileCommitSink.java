package dev.pizza.examples;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommitSink} kept in files, so that a second bake of a repository is incremental. Each
 * repository has a directory named by its {@link RepositoryId#key()} under the data directory:
 *
 * <pre>
 * DATA/KEY/repository    the repository's URL, for people
 * DATA/KEY/commits.tsv   the append-only log of deliveries (below)
 * DATA/KEY/checkpoint    the checkpoint: ref name TAB commit id, one line per ref; an
 *                        intermediate one adds "^frontier" TAB id lines and "^delivered" TAB count
 *                        ("^" starts no ref name)
 * DATA/KEY/lock          locked while a bake of KEY writes, so two processes do not interleave
 * </pre>
 *
 * <h2>The log</h2>
 *
 * <p>One event per line, fields separated by a tab; an email's backslash, tab, carriage return and
 * newline are written as {@code \\ \t \r \n}:
 *
 * <pre>
 * +  ID  EMAIL    the commit ID was delivered; its author's email is EMAIL
 * -  ID           the commit ID was retracted: history was rewritten and it is gone
 * *               resync: forget every line above
 * </pre>
 *
 * <p>Reading the log replays it; {@link #totals} counts distinct ids, so a line written twice
 * changes nothing. An incremental bake only appends: the log is never rewritten.
 *
 * <h2>One bake, and what a crash leaves</h2>
 *
 * <p>{@link #begin} locks the repository and notes the log's length; {@link #accept}, {@link
 * #retract} and {@link #resync} append lines (handed to the OS at the end of each call); {@link
 * #saveCheckpoint} forces the log to disk, then writes {@code checkpoint.tmp}, forces it, and
 * renames it over {@code checkpoint} atomically; an intermediate checkpoint keeps the bake open.
 * {@link #abort} cuts the log back to its length at {@code begin} or at the last checkpoint saved,
 * so a failed bake leaves no trace past its last checkpoint.
 *
 * <ul>
 *   <li>A crash after lines were appended and before the checkpoint was renamed leaves those lines;
 *       the next bake starts from the old checkpoint and delivers the same commits again, which the
 *       distinct count absorbs. (If history is rewritten before that next bake, commits the crashed
 *       bake logged and that are gone stay counted.)
 *   <li>A crash in the middle of a line leaves a last line without a newline: readers ignore it,
 *       and the next {@code begin} cuts it off (that bake delivers its commit again). Readers also
 *       skip any line they cannot parse.
 *   <li>A crash while writing {@code checkpoint.tmp} leaves the old checkpoint whole; the next save
 *       overwrites the temporary file.
 * </ul>
 *
 * <p>Thread safe. {@link #close} releases the bakes still open without finishing them, as if the
 * process had stopped there.
 */
public final class FileCommitSink implements CommitSink, AutoCloseable {
  static final String LOG = "commits.tsv";
  static final String CHECKPOINT = "checkpoint";
  private static final String FRONTIER = "^frontier";
  private static final String DELIVERED = "^delivered";
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");

  private final Path dataDirectory;
  private final Map<String, OpenBake> open = new HashMap<>();

  /**
   * Distinct counts over the commits a repository's log holds (delivered, minus retracted).
   *
   * @param commits distinct commit ids
   * @param authors distinct author emails, compared ignoring case
   */
  public record Totals(long commits, long authors) {}

  /** A bake between {@link #begin} and its end: the lock, the log and where the log began. */
  private record OpenBake(
      FileChannel lockChannel, FileLock lock, FileChannel log, Writer writer, long start) {}

  /** Creates a sink over {@code dataDirectory}; nothing is created until a bake begins. */
  public FileCommitSink(Path dataDirectory) {
    this.dataDirectory = dataDirectory.toAbsolutePath();
  }

  /** Returns the directory that holds {@code repository}'s files (which may not exist). */
  public Path directoryOf(RepositoryId repository) {
    if (!KEY.matcher(repository.key()).matches()) {
      throw new IllegalArgumentException("not a repository key: " + repository.key());
    }
    return dataDirectory.resolve(repository.key());
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) throws IOException {
    Path file = directoryOf(repository).resolve(CHECKPOINT);
    if (!Files.exists(file)) {
      return Checkpoint.empty();
    }
    Map<String, CommitId> tips = new TreeMap<>();
    Set<CommitId> frontier = new HashSet<>();
    long delivered = 0;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int tab = line.indexOf('\t');
      if (line.isBlank()) {
        continue;
      }
      try {
        if (tab <= 0) {
          throw new IllegalArgumentException("no tab");
        }
        String name = line.substring(0, tab);
        String value = line.substring(tab + 1);
        if (name.equals(FRONTIER)) {
          frontier.add(CommitId.of(value));
        } else if (name.equals(DELIVERED)) {
          delivered = Long.parseLong(value);
        } else {
          tips.put(name, CommitId.of(value));
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(
            "corrupt checkpoint "
                + file
                + " line "
                + (i + 1)
                + ": expected REF<TAB>ID, got '"
                + line
                + "'",
            e);
      }
    }
    return frontier.isEmpty()
        ? new Checkpoint(tips)
        : Checkpoint.intermediate(tips, frontier, delivered);
  }

  @Override
  public synchronized void begin(RepositoryId repository, Checkpoint from) throws IOException {
    if (open.containsKey(repository.key())) {
      throw new IllegalStateException("a bake of " + repository + " is already open");
    }
    Path dir = Files.createDirectories(directoryOf(repository));
    Path urlFile = dir.resolve("repository");
    if (!Files.exists(urlFile)) {
      Files.writeString(urlFile, repository.url() + "\n", StandardCharsets.UTF_8);
    }
    FileChannel lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileChannel log = null;
    try {
      FileLock lock = lockChannel.lock();
      dropUnfinishedLine(dir.resolve(LOG));
      log =
          FileChannel.open(
              dir.resolve(LOG),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      Writer writer =
          new BufferedWriter(
              new OutputStreamWriter(Channels.newOutputStream(log), StandardCharsets.UTF_8),
              1 << 16);
      open.put(repository.key(), new OpenBake(lockChannel, lock, log, writer, log.size()));
    } catch (IOException | RuntimeException e) {
      closeQuietly(log);
      closeQuietly(lockChannel);
      throw e;
    }
  }

  /**
   * Cuts off a last line that a crash left unfinished (no newline): its fields may be cut short and
   * still parse, so it is not trusted. Its commit is delivered again by the bake that begins.
   */
  private static void dropUnfinishedLine(Path file) throws IOException {
    if (!Files.exists(file) || endsWithNewline(file)) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer block = ByteBuffer.allocate(4096);
      while (end > 0) {
        long start = Math.max(0, end - block.capacity());
        block.clear().limit((int) (end - start));
        while (block.hasRemaining() && ch.read(block, start + block.position()) >= 0) {
          // read the whole block
        }
        for (int i = block.position() - 1; i >= 0; i--) {
          if (block.get(i) == '\n') {
            ch.truncate(start + i + 1);
            ch.force(false);
            return;
          }
        }
        end = start;
      }
      ch.truncate(0);
      ch.force(false);
    }
  }

  @Override
  public synchronized void retract(RepositoryId repository, List<CommitId> commits)
      throws IOException {
    Writer w = bakeOf(repository).writer();
    for (CommitId id : commits) {
      w.write("-\t" + id.hex() + "\n");
    }
    w.flush();
  }

  @Override
  public synchronized void resync(RepositoryId repository) throws IOException {
    Writer w = bakeOf(repository).writer();
    w.write("*\n");
    w.flush();
  }

  @Override
  public synchronized void accept(RepositoryId repository, List<CommitRecord> commits)
      throws IOException {
    Writer w = bakeOf(repository).writer();
    for (CommitRecord r : commits) {
      w.write("+\t" + r.id().hex() + "\t" + TsvField.escape(r.author().email()) + "\n");
    }
    w.flush();
  }

  @Override
  public synchronized void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint)
      throws IOException {
    OpenBake bake = bakeOf(repository);
    bake.writer().flush();
    bake.log().force(false);
    Path dir = directoryOf(repository);
    Path tmp = dir.resolve(CHECKPOINT + ".tmp");
    StringBuilder text = new StringBuilder();
    checkpoint
        .tips()
        .forEach((ref, id) -> text.append(ref).append('\t').append(id.hex()).append('\n'));
    for (CommitId id : checkpoint.frontier()) {
      text.append(FRONTIER).append('\t').append(id.hex()).append('\n');
    }
    if (!checkpoint.isComplete()) {
      text.append(DELIVERED).append('\t').append(checkpoint.delivered()).append('\n');
    }
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(CHECKPOINT),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dir);
    if (checkpoint.isComplete()) {
      finish(repository.key());
    } else {
      // An intermediate checkpoint: the bake goes on, and an abort now cuts back to here.
      open.put(
          repository.key(),
          new OpenBake(
              bake.lockChannel(), bake.lock(), bake.log(), bake.writer(), bake.log().size()));
    }
  }

  @Override
  public synchronized void abort(RepositoryId repository, Throwable cause) {
    OpenBake bake = open.get(repository.key());
    if (bake == null) {
      return;
    }
    try {
      bake.log().truncate(bake.start());
      bake.log().force(false);
    } catch (IOException e) {
      // The lines stay; they are duplicates the next bake delivers again, counted once.
    }
    finish(repository.key());
  }

  /** Releases the bakes still open, leaving their files as a stopped process would. */
  @Override
  public synchronized void close() {
    for (String key : List.copyOf(open.keySet())) {
      finish(key);
    }
  }

  /**
   * Returns the commits the log of {@code repository} holds: delivered, minus retracted, after the
   * last resync; each id once, with its author's email as written.
   */
  public Map<CommitId, String> commits(RepositoryId repository) throws IOException {
    Path file = directoryOf(repository).resolve(LOG);
    Map<CommitId, String> commits = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return commits;
    }
    boolean complete = endsWithNewline(file);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      String line = in.readLine();
      while (line != null) {
        String next = in.readLine();
        if (next != null || complete) {
          replay(line, commits);
        }
        line = next;
      }
    }
    return commits;
  }

  /**
   * Returns the distinct commits and distinct author emails (ignoring case) of {@link #commits}.
   */
  public Totals totals(RepositoryId repository) throws IOException {
    Map<CommitId, String> commits = commits(repository);
    Set<String> authors = new HashSet<>();
    commits.values().forEach(email -> authors.add(email.toLowerCase(Locale.ROOT)));
    return new Totals(commits.size(), authors.size());
  }

  private static void replay(String line, Map<CommitId, String> commits) {
    String[] f = line.split("\t", -1);
    try {
      if (f[0].equals("+") && f.length == 3) {
        commits.putIfAbsent(CommitId.of(f[1]), TsvField.unescape(f[2]));
      } else if (f[0].equals("-") && f.length == 2) {
        commits.remove(CommitId.of(f[1]));
      } else if (f[0].equals("*") && f.length == 1) {
        commits.clear();
      }
    } catch (IllegalArgumentException e) {
      // A line a crash cut short: skipped.
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, size - 1);
      return last.get(0) == '\n';
    }
  }

  /** Makes a rename durable where the platform allows forcing a directory (Linux does). */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not supported on this platform; the rename is still atomic.
    }
  }

  private OpenBake bakeOf(RepositoryId repository) {
    OpenBake bake = open.get(repository.key());
    if (bake == null) {
      throw new IllegalStateException("no bake of " + repository + " is open: call begin first");
    }
    return bake;
  }

  private void finish(String key) {
    OpenBake bake = open.remove(key);
    if (bake == null) {
      return;
    }
    closeQuietly(bake.log());
    try {
      bake.lock().release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(bake.lockChannel());
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing more to release.
    }
  }
}
