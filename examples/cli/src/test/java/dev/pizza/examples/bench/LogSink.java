package dev.pizza.examples.bench;

import dev.pizza.Checkpoint;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.CommitSink;
import dev.pizza.RepositoryId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An exactly-once sink of one repository kept in files, for the kill test: each checkpoint save is
 * one atomic step, so a process killed at any point leaves the state of its last save.
 *
 * <pre>
 * DIR/log          "+ID", "-ID" (retracted) and "*" (resync) lines; only the first LENGTH bytes count
 * DIR/checkpoint   "length LENGTH", "delivered N", "order NAME", "tip REF ID", "target REF ID" lines
 * DIR/received     the same lines for every call the sink received, flushed per call, never cut
 * </pre>
 *
 * <p>{@link #saveCheckpoint} forces the log, then writes {@code checkpoint.tmp} with the log's
 * length, forces it and renames it over {@code checkpoint}: the records and the checkpoint become
 * durable together. {@link #begin} and {@link #abort} cut the log back to the saved length. After
 * each save it prints {@code saved LENGTH} to {@code progress}, which the test watches to kill the
 * process at a chosen point. One bake at a time; not thread safe.
 */
final class LogSink implements CommitSink {
  private final Path dir;
  private final PrintStream progress;
  private @Nullable FileChannel log;
  private @Nullable FileChannel received;
  private long committed;

  LogSink(Path dir, PrintStream progress) {
    this.dir = dir;
    this.progress = progress;
  }

  @Override
  public Checkpoint checkpoint(RepositoryId repository) throws IOException {
    Path file = dir.resolve("checkpoint");
    if (!Files.exists(file)) {
      return Checkpoint.empty();
    }
    Map<String, CommitId> tips = new TreeMap<>();
    Map<String, CommitId> target = new TreeMap<>();
    long delivered = 0;
    String order = "";
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(" ", -1);
      switch (f[0]) {
        case "tip" -> tips.put(f[1], CommitId.of(f[2]));
        case "target" -> target.put(f[1], CommitId.of(f[2]));
        case "delivered" -> delivered = Long.parseLong(f[1]);
        case "order" -> order = f[1];
        default -> {}
      }
    }
    return new Checkpoint(tips, target, delivered, order);
  }

  @Override
  public void begin(RepositoryId repository, Checkpoint from) throws IOException {
    Files.createDirectories(dir);
    committed = savedLength(dir);
    FileChannel l =
        FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    l.truncate(committed);
    l.position(committed);
    log = l;
    received =
        FileChannel.open(
            dir.resolve("received"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    progress.println("begun");
  }

  @Override
  public void retract(RepositoryId repository, List<CommitId> commits) throws IOException {
    StringBuilder text = new StringBuilder();
    commits.forEach(c -> text.append('-').append(c.hex()).append('\n'));
    write(text);
  }

  @Override
  public void resync(RepositoryId repository) throws IOException {
    write(new StringBuilder("*\n"));
  }

  @Override
  public void accept(RepositoryId repository, List<CommitRecord> commits) throws IOException {
    StringBuilder text = new StringBuilder();
    commits.forEach(c -> text.append('+').append(c.id().hex()).append('\n'));
    write(text);
  }

  private void write(CharSequence text) throws IOException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    writeFully(channel(received), bytes);
    writeFully(channel(log), bytes);
  }

  @Override
  public void saveCheckpoint(RepositoryId repository, Checkpoint checkpoint) throws IOException {
    FileChannel l = channel(log);
    l.force(false);
    long length = l.position();
    StringBuilder text = new StringBuilder("length " + length + "\n");
    text.append("delivered ").append(checkpoint.delivered()).append('\n');
    checkpoint.tips().forEach((ref, id) -> text.append("tip " + ref + " " + id.hex() + "\n"));
    text.append("order ").append(checkpoint.order()).append('\n');
    checkpoint.target().forEach((ref, id) -> text.append("target " + ref + " " + id.hex() + "\n"));
    Path tmp = dir.resolve("checkpoint.tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(out, text.toString().getBytes(StandardCharsets.US_ASCII));
      out.force(true);
    }
    Files.move(
        tmp,
        dir.resolve("checkpoint"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    committed = length;
    progress.println("saved " + length);
    if (checkpoint.isComplete()) {
      close();
    }
  }

  @Override
  public void abort(RepositoryId repository, Throwable cause) {
    try {
      FileChannel l = log;
      if (l != null) {
        l.truncate(committed);
      }
    } catch (IOException e) {
      // The next begin cuts the log back too.
    }
    close();
  }

  private void close() {
    for (FileChannel c : new FileChannel[] {log, received}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException e) {
        // Nothing more to release.
      }
    }
    log = null;
    received = null;
  }

  private static FileChannel channel(@Nullable FileChannel c) {
    if (c == null) {
      throw new IllegalStateException("no bake is open: call begin first");
    }
    return c;
  }

  private static void writeFully(FileChannel c, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  private static long savedLength(Path dir) throws IOException {
    Path file = dir.resolve("checkpoint");
    if (!Files.exists(file)) {
      return 0;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("length ")) {
        return Long.parseLong(line.substring(7));
      }
    }
    throw new IOException("checkpoint without length: " + file);
  }

  /** Returns the ids the sink holds in {@code dir}: its log's saved part, replayed. */
  static Set<String> holds(Path dir) throws IOException {
    long length = savedLength(dir);
    byte[] all =
        Files.exists(dir.resolve("log")) ? Files.readAllBytes(dir.resolve("log")) : new byte[0];
    if (all.length < length) {
      throw new IOException("log shorter (" + all.length + ") than its checkpoint says: " + length);
    }
    Set<String> ids = new LinkedHashSet<>();
    replay(new String(all, 0, (int) length, StandardCharsets.US_ASCII), ids);
    return ids;
  }

  /**
   * Returns how many deliveries the sink received of a commit it had received before and that was
   * not retracted since: what interrupted bakes delivered twice.
   */
  static long receivedTwice(Path dir) throws IOException {
    Path file = dir.resolve("received");
    if (!Files.exists(file)) {
      return 0;
    }
    return replay(Files.readString(file, StandardCharsets.US_ASCII), new HashSet<>());
  }

  /** Applies the complete lines of {@code text} to {@code ids}; returns the repeated deliveries. */
  private static long replay(String text, Set<String> ids) {
    long twice = 0;
    int start = 0;
    for (int nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
      String line = text.substring(start, nl);
      if (line.equals("*")) {
        ids.clear();
      } else if (line.length() == 41 && line.charAt(0) == '+') {
        if (!ids.add(line.substring(1))) {
          twice++;
        }
      } else if (line.length() == 41 && line.charAt(0) == '-') {
        ids.remove(line.substring(1));
      }
    }
    return twice;
  }
}
