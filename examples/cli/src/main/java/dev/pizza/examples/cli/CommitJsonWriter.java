package dev.pizza.examples.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pizza.ChangeKind;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
 * times are formatted by hand ({@link JsonTimes}): a bake writes every commit, and in a new JVM
 * each extra layer is also code to compile. For the same reason people's names and emails are
 * quoted by Jackson once per person ({@link SerializedString}) and copied as bytes after that, and
 * other strings reach the generator as character arrays; the bytes written are the same (measured
 * on rails' 118,770 commits under C1: 238 ms of writing against 210 ms, medians of 11 passes).
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
  private static final SerializableString FILES = new SerializedString("files");
  private static final SerializableString PATH = new SerializedString("path");
  private static final SerializableString OLD_PATH = new SerializedString("oldPath");
  private static final SerializableString KIND = new SerializedString("kind");
  private static final SerializableString ADDED = new SerializedString("added");
  private static final SerializableString REMOVED = new SerializedString("removed");
  private static final SerializableString BINARY = new SerializedString("binary");
  private static final SerializableString TOO_LARGE = new SerializedString("tooLarge");

  /** Each {@link ChangeKind}'s name as a string value, by ordinal. */
  private static final SerializableString[] KINDS = kinds();

  /** The longest string copied into {@link #chars}; longer ones Jackson copies in pieces. */
  private static final int MAX_COPIED = 1 << 16;

  /** How many identities {@link #people} holds before it starts again. */
  private static final int PEOPLE = 8192;

  private final JsonGenerator json;
  private final boolean closeTarget;

  /** The signature times written so far (the last one, and its day). */
  private final JsonTimes times = new JsonTimes();

  /** Where a commit id's digits are copied for Jackson (see {@link #id}): 64 for SHA-256. */
  private final byte[] hex = new byte[64];

  /** Where a string's characters are copied for Jackson (see {@link #string}). */
  private char[] chars = new char[1024];

  /** The names and emails of the people written so far, quoted and encoded by Jackson once. */
  private final Map<Identity, Person> people = new HashMap<>();

  /** The identity {@link #person} was asked for last, and its answer. */
  private @Nullable Identity lastPerson;

  private Person lastQuoted = new Person(null, null);

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
    id(record.id());
    json.writeFieldName(PARENTS);
    json.writeStartArray();
    // Indexed loops over a record's lists (immutable, random access): the worker's C1 does no
    // escape analysis, so each iterator is an object made per commit.
    List<CommitId> parents = record.parents();
    for (int i = 0; i < parents.size(); i++) {
      id(parents.get(i));
    }
    json.writeEndArray();
    signature(AUTHOR, record.author());
    signature(COMMITTER, record.committer());
    json.writeFieldName(SUBJECT);
    string(record.subject());
    json.writeFieldName(MESSAGE);
    string(record.message());
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
    // Most commits have no trailer: no map to build, nor to walk.
    if (!record.trailers().isEmpty()) {
      for (Map.Entry<String, List<String>> e : record.trailersByKey().entrySet()) {
        json.writeArrayFieldStart(e.getKey());
        for (String v : e.getValue()) {
          json.writeString(v);
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
    List<FileChange> files = record.files();
    if (files != null) {
      json.writeFieldName(FILES);
      json.writeStartArray();
      for (int i = 0; i < files.size(); i++) {
        file(files.get(i));
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void identities(SerializableString field, List<Identity> people) throws IOException {
    json.writeFieldName(field);
    json.writeStartArray();
    for (int k = 0; k < people.size(); k++) {
      Identity i = people.get(k);
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

  /**
   * Writes one file change: a bake with line statistics writes about two a commit, so field names
   * and kinds are copied as encoded bytes and paths go through {@link #string(String)}.
   */
  private void file(FileChange f) throws IOException {
    json.writeStartObject();
    json.writeFieldName(PATH);
    string(f.path());
    String old = f.oldPath();
    if (old != null) {
      json.writeFieldName(OLD_PATH);
      string(old);
    }
    json.writeFieldName(KIND);
    json.writeString(KINDS[f.kind().ordinal()]);
    if (f.hasLineCounts()) {
      json.writeFieldName(ADDED);
      json.writeNumber(f.added());
      json.writeFieldName(REMOVED);
      json.writeNumber(f.removed());
    }
    json.writeFieldName(BINARY);
    json.writeBoolean(f.binary());
    if (f.tooLarge()) {
      json.writeFieldName(TOO_LARGE);
      json.writeBoolean(true);
    }
    json.writeEndObject();
  }

  private void signature(SerializableString field, Signature s) throws IOException {
    json.writeFieldName(field);
    json.writeStartObject();
    Person p = person(s.identity());
    json.writeFieldName(NAME);
    string(p.name(), s.name());
    json.writeFieldName(EMAIL);
    string(p.email(), s.email());
    json.writeFieldName(TIME_FIELD);
    times.write(json, s);
    json.writeEndObject();
  }

  /**
   * A person's name and email as Jackson quotes and encodes them; null for a string that holds a
   * surrogate, which the generator writes as an escape and a {@link SerializedString} as four UTF-8
   * bytes (or not at all, for a lone one).
   */
  private record Person(@Nullable SerializableString name, @Nullable SerializableString email) {}

  /**
   * Returns the quoted strings of {@code who}: a history's few thousand people are written again
   * and again, and copying their bytes is cheaper than encoding their characters each time.
   */
  private Person person(Identity who) {
    if (who == lastPerson) { // the committer is most often the author
      return lastQuoted;
    }
    Person p = people.get(who);
    if (p == null) {
      if (people.size() >= PEOPLE) {
        people.clear();
      }
      p = new Person(quoted(who.name()), quoted(who.email()));
      people.put(who, p);
    }
    lastPerson = who;
    lastQuoted = p;
    return p;
  }

  private static @Nullable SerializableString quoted(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return null;
      }
    }
    return new SerializedString(s);
  }

  /**
   * Writes a commit id: its hex digits are ASCII, so the low bytes of its characters are already
   * UTF-8, which Jackson copies without reading them as characters. They are copied into {@link
   * #hex}, not into a new array per id: {@code getBytes(Charset)} allocated and copied three times
   * a commit, a twentieth of the main thread's samples in a bake of rails.
   */
  @SuppressWarnings("deprecation") // exact for ASCII, which a commit id is
  private void id(CommitId id) throws IOException {
    String s = id.hex();
    int n = s.length();
    s.getBytes(0, n, hex, 0);
    json.writeUTF8String(hex, 0, n);
  }

  /** Writes {@code quoted} if there is one, else {@code s}. */
  private void string(@Nullable SerializableString quoted, String s) throws IOException {
    if (quoted != null) {
      json.writeString(quoted);
    } else {
      string(s);
    }
  }

  /**
   * Writes {@code s} as a string value from a copy of its characters: Jackson reads a {@code
   * String} one {@code charAt} at a time, an array without those calls (the same bytes out).
   */
  private void string(String s) throws IOException {
    int n = s.length();
    if (n > MAX_COPIED) {
      json.writeString(s);
      return;
    }
    char[] c = chars;
    if (n > c.length) {
      c = new char[Math.max(n, c.length * 2)];
      chars = c;
    }
    s.getChars(0, n, c, 0);
    json.writeString(c, 0, n);
  }

  private static SerializableString[] kinds() {
    ChangeKind[] kinds = ChangeKind.values();
    SerializableString[] out = new SerializableString[kinds.length];
    for (ChangeKind k : kinds) {
      out[k.ordinal()] = new SerializedString(k.name());
    }
    return out;
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
