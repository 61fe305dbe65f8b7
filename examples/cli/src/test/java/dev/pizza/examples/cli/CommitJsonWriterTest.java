package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pizza.ChangeKind;
import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.FileChange;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitJsonWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Signature at(String name, String email, ZoneOffset offset) {
    return new Signature(new Identity(name, email), Instant.parse("2024-05-01T12:00:00Z"), offset);
  }

  static String jsonl(CommitRecord... records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CommitJsonWriter w = new CommitJsonWriter(out, true)) {
      for (CommitRecord r : records) {
        w.write(r);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void utcTime_hasANumericOffset_andEveryFieldIsThere() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r = CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject");

    Object parsed = JSON.readValue(jsonl(r), Object.class);

    assertThat(parsed)
        .isEqualTo(
            Map.of(
                "id", "a".repeat(40),
                "parents", List.of(),
                "author",
                    Map.of(
                        "name", "A", "email", "a@example.com", "time", "2024-05-01T12:00:00+00:00"),
                "committer",
                    Map.of(
                        "name", "A", "email", "a@example.com", "time", "2024-05-01T12:00:00+00:00"),
                "subject", "subject",
                "message", "subject",
                "coAuthors", List.of(),
                "trailers", Map.of()));
  }

  @Test
  void lineStats_becomeAFilesArray_oldPathOnlyForRenames_noCountsForBinary() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r =
        CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject")
            .withFiles(
                List.of(
                    new FileChange("a.txt", null, ChangeKind.MODIFIED, 3, 1, false, false),
                    new FileChange("new.txt", "old.txt", ChangeKind.RENAMED, 0, 0, false, false),
                    new FileChange("logo.png", null, ChangeKind.ADDED, 0, 0, true, false),
                    new FileChange("big.csv", null, ChangeKind.MODIFIED, 0, 0, false, true)));

    Map<?, ?> parsed = JSON.readValue(jsonl(r), Map.class);

    assertThat(parsed.get("files"))
        .isEqualTo(
            List.of(
                Map.of(
                    "path", "a.txt", "kind", "MODIFIED", "added", 3, "removed", 1, "binary", false),
                Map.of(
                    "path", "new.txt", "oldPath", "old.txt", "kind", "RENAMED", "added", 0,
                    "removed", 0, "binary", false),
                Map.of("path", "logo.png", "kind", "ADDED", "binary", true),
                Map.of("path", "big.csv", "kind", "MODIFIED", "binary", false, "tooLarge", true)));
  }

  @Test
  void noLineStats_noFilesField() throws Exception {
    Signature utc = at("A", "a@example.com", ZoneOffset.UTC);
    CommitRecord r = CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject");

    assertThat(JSON.readValue(jsonl(r), Map.class)).doesNotContainKey("files");
  }

  @Test
  void anyMessage_isOneLine_andParsesBackToTheSameText() throws Exception {
    Random random = new Random(42);
    Signature s = at("N", "n@example.com", ZoneOffset.ofHoursMinutes(-5, -30));
    CommitRecord[] records = new CommitRecord[500];
    for (int n = 0; n < records.length; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        int cp =
            random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT);
        if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
          b.appendCodePoint(cp);
        }
      }
      records[n] =
          CommitRecord.of(CommitId.of(String.format("%040x", n)), List.of(), s, s, b.toString());
    }

    String out = jsonl(records);

    List<String> lines = out.lines().toList();
    assertThat(out).endsWith("\n");
    assertThat(lines).hasSize(records.length);
    for (int n = 0; n < records.length; n++) {
      Map<?, ?> o = JSON.readValue(lines.get(n), Map.class);
      assertThat(o.get("message")).isEqualTo(records[n].message());
      assertThat(lines.get(n).chars().filter(c -> c < 0x20)).as("raw controls").isEmpty();
    }
  }

  @Test
  void handWrittenTimes_equalTheFormattersOutput_fromYear0To9999_atAnyOffset() throws Exception {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    Random random = new Random(7);
    List<Signature> times = new ArrayList<>();
    long[] edges = {
      0, -1, 1, 951_782_400L /* 2000-02-29 */, 253_402_300_799L, -62_167_219_200L, 4_102_444_800L
    };
    int[] offsets = {0, 60, -60, 19_800, -34_200, 18 * 3600, -18 * 3600, 45 * 60, -30, 3_599};
    for (long e : edges) {
      for (int o : offsets) {
        times.add(new Signature(new Identity("n", "e"), Instant.ofEpochSecond(e), of(o)));
      }
    }
    for (int i = 0; i < 2_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L + 18 * 3600, 253_402_300_799L - 18 * 3600);
      int offset = (random.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60;
      times.add(new Signature(new Identity("n", "e"), Instant.ofEpochSecond(seconds), of(offset)));
    }
    CommitRecord[] records = new CommitRecord[times.size()];
    for (int i = 0; i < records.length; i++) {
      Signature s = times.get(i);
      records[i] = CommitRecord.of(CommitId.of(String.format("%040x", i)), List.of(), s, s, "m");
    }

    List<String> lines = jsonl(records).lines().toList();

    for (int i = 0; i < records.length; i++) {
      Map<?, ?> author = (Map<?, ?>) JSON.readValue(lines.get(i), Map.class).get("author");
      assertThat(author.get("time")).isEqualTo(iso.format(times.get(i).time()));
    }
  }

  @Test
  void timesOfTheSameDayOrRepeated_equalTheFormattersOutput_notTheLastLinesTime() throws Exception {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    Random random = new Random(11);
    List<Signature> times = new ArrayList<>();
    long at = 1_700_000_000L;
    int offset = 0;
    for (int i = 0; i < 3_000; i++) {
      switch (random.nextInt(5)) {
        case 0 -> at += random.nextInt(86_400); // often the same local day
        case 1 -> at -= random.nextInt(3 * 86_400);
        case 2 -> offset = (random.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15 * 60; // same second
        case 3 -> at = random.nextLong(-62_167_219_200L + 18 * 3600, 253_402_300_799L - 18 * 3600);
        default -> {} // the same time again
      }
      times.add(new Signature(new Identity("n", "e"), Instant.ofEpochSecond(at), of(offset)));
    }
    CommitRecord[] records = new CommitRecord[times.size() - 1];
    for (int i = 0; i < records.length; i++) {
      records[i] =
          CommitRecord.of(
              CommitId.of(String.format("%040x", i)),
              List.of(),
              times.get(i),
              times.get(i + 1),
              "m");
    }

    List<String> lines = jsonl(records).lines().toList();

    for (int i = 0; i < records.length; i++) {
      Map<?, ?> line = JSON.readValue(lines.get(i), Map.class);
      assertThat(((Map<?, ?>) line.get("author")).get("time"))
          .isEqualTo(iso.format(times.get(i).time()));
      assertThat(((Map<?, ?>) line.get("committer")).get("time"))
          .isEqualTo(iso.format(times.get(i + 1).time()));
    }
  }

  @Test
  void namesWithSurrogatesControlsOrQuotes_areWrittenAsTheGeneratorWritesAString()
      throws Exception {
    String[] names = {
      "Emoji \uD83D\uDE00 Person",
      "Lone \uD800 surrogate",
      "Lone low \uDC00",
      "Tab\tquote\" back\\slash",
      "Control \u0001\u001f del \u007f",
      "Rafael Mendon\u00e7a Fran\u00e7a",
      "\u4e2d\u6587 \u2028",
      ""
    };
    for (String name : names) {
      Signature s = at(name, name + "@example.com", ZoneOffset.UTC);
      Signature other = at("Other", "other@example.com", ZoneOffset.UTC);
      CommitId id = CommitId.of("a".repeat(40));
      // written first, again from the cache of people, and after someone else
      String out =
          jsonl(
              CommitRecord.of(id, List.of(), s, s, "m"),
              CommitRecord.of(id, List.of(), s, other, "m"),
              CommitRecord.of(id, List.of(), other, s, "m"));

      String person =
          "{\"name\":" + generatorString(name) + ",\"email\":" + generatorString(s.email()) + ",";
      List<String> lines = out.lines().toList();
      assertThat(lines.get(0)).contains("\"author\":" + person, "\"committer\":" + person);
      assertThat(lines.get(1)).contains("\"author\":" + person);
      assertThat(lines.get(2)).contains("\"committer\":" + person);
    }
  }

  @Test
  void morePeopleThanTheWriterRemembers_eachLineNamesItsOwnAuthor() throws Exception {
    CommitRecord[] records = new CommitRecord[20_000];
    for (int i = 0; i < records.length; i++) {
      Signature s = at("Person " + i % 10_000, "p" + i % 10_000 + "@example.com", ZoneOffset.UTC);
      records[i] = CommitRecord.of(CommitId.of(String.format("%040x", i)), List.of(), s, s, "m");
    }

    List<String> lines = jsonl(records).lines().toList();

    for (int i = 0; i < records.length; i++) {
      Map<?, ?> author = (Map<?, ?>) JSON.readValue(lines.get(i), Map.class).get("author");
      assertThat(author.get("name")).isEqualTo("Person " + i % 10_000);
      assertThat(author.get("email")).isEqualTo("p" + i % 10_000 + "@example.com");
    }
  }

  /** What Jackson's generator writes for {@code s} as a string value. */
  private static String generatorString(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.writeString(s);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ZoneOffset of(int seconds) {
    return ZoneOffset.ofTotalSeconds(seconds);
  }
}
