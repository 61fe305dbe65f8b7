package dev.pizza.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
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
 */
final class CommitJsonWriter implements Flushable, Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * ISO-8601 with the offset always as digits: {@code +00:00}, not {@code Z}, as git records it.
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  private final JsonGenerator json;
  private final boolean closeTarget;

  /**
   * Writes to {@code out} (which should encode UTF-8); {@link #close} closes {@code out} only if
   * {@code closeTarget}.
   */
  CommitJsonWriter(Writer out, boolean closeTarget) throws IOException {
    this.json = JSON.createGenerator(out);
    this.json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, closeTarget);
    // Each object ends its own line (see write), so no separator between root values.
    this.json.setRootValueSeparator(null);
    this.closeTarget = closeTarget;
  }

  /** Writes {@code record} as one line. */
  void write(CommitRecord record) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", record.id().hex());
    json.writeArrayFieldStart("parents");
    for (CommitId p : record.parents()) {
      json.writeString(p.hex());
    }
    json.writeEndArray();
    signature("author", record.author());
    signature("committer", record.committer());
    json.writeStringField("subject", record.subject());
    json.writeStringField("message", record.message());
    identities("coAuthors", record.coAuthors());
    if (!record.mappedAuthor().equals(record.author().identity())) {
      identity("mappedAuthor", record.mappedAuthor());
    }
    if (!record.mappedCommitter().equals(record.committer().identity())) {
      identity("mappedCommitter", record.mappedCommitter());
    }
    if (!record.mappedCoAuthors().equals(record.coAuthors())) {
      identities("mappedCoAuthors", record.mappedCoAuthors());
    }
    json.writeObjectFieldStart("trailers");
    for (Map.Entry<String, List<String>> e : record.trailersByKey().entrySet()) {
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

  private void identities(String field, List<Identity> people) throws IOException {
    json.writeArrayFieldStart(field);
    for (Identity i : people) {
      json.writeStartObject();
      json.writeStringField("name", i.name());
      json.writeStringField("email", i.email());
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

  private void signature(String field, Signature s) throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("name", s.name());
    json.writeStringField("email", s.email());
    json.writeStringField("time", TIME.format(s.time()));
    json.writeEndObject();
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
