package dev.pizza.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pizza.CommitId;
import dev.pizza.CommitRecord;
import dev.pizza.Identity;
import dev.pizza.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitJsonTest {

  @Test
  void quote_escapesQuoteAndBackslash() {
    assertThat(CommitJson.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void quote_writesControlCharactersAsUnicodeEscapes() {
    assertThat(CommitJson.quote("\n\t\r\u0000\u0007\u001f\u007f"))
        .isEqualTo("\"\\u000a\\u0009\\u000d\\u0000\\u0007\\u001f\\u007f\"");
  }

  @Test
  void quote_keepsNonAsciiAsIs() {
    assertThat(CommitJson.quote("ünïcødé ☃ 🍕 日本")).isEqualTo("\"ünïcødé ☃ 🍕 日本\"");
  }

  @Test
  void quote_escapesLoneSurrogatesAndLineSeparators() {
    assertThat(CommitJson.quote("x\ud83dy\udc00\u2028")).isEqualTo("\"x\\ud83dy\\udc00\\u2028\"");
  }

  @Test
  void quote_thenParse_alwaysGivesTheStringBack() {
    Random random = new Random(42);
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(20);
      for (int i = 0; i < length; i++) {
        b.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
      }
      String s = b.toString();
      String json = CommitJson.quote(s);
      assertThat(MiniJson.parse(json)).as("parse of %s", json).isEqualTo(s);
      assertThat(json.chars().filter(c -> c < 0x20))
          .as("raw control characters in %s", json)
          .isEmpty();
    }
  }

  @Test
  void toJson_utcTime_hasANumericOffset() {
    Signature utc =
        new Signature(
            new Identity("A", "a@example.com"),
            Instant.parse("2024-05-01T12:00:00Z"),
            ZoneOffset.UTC);
    CommitRecord r = CommitRecord.of(CommitId.of("a".repeat(40)), List.of(), utc, utc, "subject");

    Object parsed = MiniJson.parse(CommitJson.toJson(r));

    assertThat(((Map<?, ?>) ((Map<?, ?>) parsed).get("author")).get("time"))
        .isEqualTo("2024-05-01T12:00:00+00:00");
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
}
