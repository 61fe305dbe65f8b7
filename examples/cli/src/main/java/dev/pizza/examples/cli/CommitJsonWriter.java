package dev.pizza.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@link CommitRecord}s as JSON Lines through Jackson's streaming generator: one object per
 * line with the fields {@code id, parents, author, committer, subject, message, coAuthors,
 * trailers}. A signature is {@code {"name","email","time"}} with the time in ISO-8601 at its
 * recorded offset ({@code 2024-05-01T12:00:00+02:00}; {@code +00:00} for UTC); {@code trailers}
 * maps each key to its values, in order. Where the mailmap changed an identity, the line also has
 * {@code mappedAuthor} or {@code mappedCommitter} ({@code {"name","email"}}), and {@code
 * mappedCoAuthors} (one per co-author, in order) when it changed any co-author; lines the mailmap
 * did not touch are as before. A record with line statistics ({@link CommitRecord#hasLineStats()})
 * has a last field {@code files}: an array of {@code {"path", "oldPath", "kind", "added",
 * "removed", "binary"}} in git's order, {@code oldPath} only for renames and copies, {@code added}
 * and {@code removed} absent for binary files and for files past the line diff's cut-off (which
 * have {@code "tooLarge": true}); {@code kind} is a {@link dev.pizza.ChangeKind} name. Not thread
 * safe; callers synchronize.
 *
 * <p>The generator writes UTF-8 bytes itself (no {@code Writer} and charset encoder in between) and
 * times are formatted by hand: a bake writes every commit, and in a new JVM each extra layer is
 * also code to compile.
 */
final class CommitJsonWriter implements Flushable, Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  // The names every line has, quoted and encoded once rather than once per commit.
  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString PARENTS = new SerializedString("parents");
  private static final SerializableString AUTHOR = new SerializedString("author");
  private static final SerializableString COMMITTER = new SerializedString("committer");
  private static final SerializableString SUBJECT = new SerializedString("subject");
  private static final SerializableString MESSAGE = new SerializedString("message");
  private static final SerializableString CO_AUTHORS = new SerializedString("coAuthors");
  private static final SerializableString MAPPED_CO_AUTHORS =
      new SerializedString("mappedCoAuthors");
  private static final SerializableString TRAILERS = new SerializedString("trailers");
  private static final SerializableString NAME = new SerializedString("name");
  private static final SerializableString EMAIL = new SerializedString("email");
  private static final SerializableString TIME_FIELD = new SerializedString("time");

  /**
   * ISO-8601 with the offset always as digits: {@code +00:00}, not {@code Z}, as git records it.
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  /** The last local second {@link #time} writes by hand: {@code 9999-12-31T23:59:59}. */
  private static final long LAST_LOCAL_SECOND = 253_402_300_799L;

  private final JsonGenerator json;
  private final boolean closeTarget;
  private final char[] time = new char[25];

  /**
   * Writes UTF-8 to {@code out}; {@link #close} closes {@code out} only if {@code closeTarget}. The
   * generator buffers, so {@code out} need not.
   */
  CommitJsonWriter(OutputStream out, boolean closeTarget) throws IOException {
    this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
    this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, closeTarget);
    // Each object ends its own line (see write), so no separator between root values.
    this.json.setRootValueSeparator(null);
    this.closeTarget = closeTarget;
  }

  /** Writes {@code record} as one line. */
  void write(CommitRecord record) throws IOException {
    json.writeStartObject();
    json.writeFieldName(ID);
    json.writeString(record.id().hex());
    json.writeFieldName(PARENTS);
    json.writeStartArray();
    for (CommitId p : record.parents()) {
      json.writeString(p.hex());
    }
    json.writeEndArray();
    signature(AUTHOR, record.author());
    signature(COMMITTER, record.committer());
    json.writeFieldName(SUBJECT);
    json.writeString(record.subject());
    json.writeFieldName(MESSAGE);
    json.writeString(record.message());
    identities(CO_AUTHORS, record.coAuthors());
    if (!record.mappedAuthor().equals(record.author().identity())) {
      identity("mappedAuthor", record.mappedAuthor());
    }
    if (!record.mappedCommitter().equals(record.committer().identity())) {
      identity("mappedCommitter", record.mappedCommitter());
    }
    if (!record.mappedCoAuthors().equals(record.coAuthors())) {
      identities(MAPPED_CO_AUTHORS, record.mappedCoAuthors());
    }
    json.writeFieldName(TRAILERS);
    json.writeStartObject();
    // Most commits have no trailer: skip building the empty map.
    Map<String, List<String>> trailers =
        record.trailers().isEmpty() ? Map.of() : record.trailersByKey();
    for (Map.Entry<String, List<String>> e : trailers.entrySet()) {
      json.writeArrayFieldStart(e.getKey());
      for (String v : e.getValue()) {
        json.writeString(v);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    List<FileChange> files = record.files();
    if (files != null) {
      json.writeArrayFieldStart("files");
      for (FileChange f : files) {
        file(f);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void identities(SerializableString field, List<Identity> people) throws IOException {
    json.writeFieldName(field);
    json.writeStartArray();
    for (Identity i : people) {
      json.writeStartObject();
      json.writeFieldName(NAME);
      json.writeString(i.name());
      json.writeFieldName(EMAIL);
      json.writeString(i.email());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private void identity(String field, Identity i) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("name", i.name());
    json.writeStringField("email", i.email());
    json.writeEndObject();
  }

  private void file(FileChange f) throws IOException {
    json.writeStartObject();
    json.writeStringField("path", f.path());
    String old = f.oldPath();
    if (old != null) {
      json.writeStringField("oldPath", old);
    }
    json.writeStringField("kind", f.kind().name());
    if (f.hasLineCounts()) {
      json.writeNumberField("added", f.added());
      json.writeNumberField("removed", f.removed());
    }
    json.writeBooleanField("binary", f.binary());
    if (f.tooLarge()) {
      json.writeBooleanField("tooLarge", true);
    }
    json.writeEndObject();
  }

  private void signature(SerializableString field, Signature s) throws IOException {
    json.writeFieldName(field);
    json.writeStartObject();
    json.writeFieldName(NAME);
    json.writeString(s.name());
    json.writeFieldName(EMAIL);
    json.writeString(s.email());
    json.writeFieldName(TIME_FIELD);
    time(s);
    json.writeEndObject();
  }

  /** Writes the time of {@code s} as {@link #TIME} formats it, by hand for years 0000 to 9999. */
  private void time(Signature s) throws IOException {
    ZoneOffset offset = s.offset();
    long local = s.instant().getEpochSecond() + offset.getTotalSeconds();
    if (local < -62_167_219_200L || local > LAST_LOCAL_SECOND) { // 0000-01-01T00:00:00
      json.writeString(TIME.format(s.time()));
      return;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
    char[] c = time;
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    int seconds = offset.getTotalSeconds();
    c[19] = seconds < 0 ? '-' : '+';
    int minutes = Math.abs(seconds) / 60;
    digits(c, 20, minutes / 60, 2);
    c[22] = ':';
    digits(c, 23, minutes % 60, 2);
    if (seconds % 60 != 0) { // an offset with seconds (never from git): as the formatter has it
      json.writeString(TIME.format(s.time()));
      return;
    }
    json.writeString(c, 0, c.length);
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  @Override
  public void flush() throws IOException {
    json.flush();
  }

  /** Flushes, and closes the target if this writer owns it. */
  @Override
  public void close() throws IOException {
    if (closeTarget) {
      json.close();
    } else {
      json.flush();
    }
  }
}
