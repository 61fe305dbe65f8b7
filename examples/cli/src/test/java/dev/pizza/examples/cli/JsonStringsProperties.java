package dev.pizza.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonStringsProperties {
  private static final JsonFactory JSON = new JsonFactory();

  interface Writing {
    void write(JsonGenerator json, String s) throws IOException;
  }

  /** The bytes of {@code s} written as one value of an array, the way {@code how} writes it. */
  static byte[] written(String s, Writing how) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartArray();
      how.write(json, s);
      how.write(json, s); // a second value: the separator too
      json.writeEndArray();
    }
    return out.toByteArray();
  }

  @Property(tries = 3000)
  void anyString_isWrittenAsJacksonsWriteStringWritesIt(@ForAll("texts") String s)
      throws IOException {
    assertThat(written(s, (json, t) -> new JsonStrings(json).write(t)))
        .isEqualTo(written(s, JsonGenerator::writeString));
  }

  @Example
  void questionMarks_loneSurrogates_pairs_latin1_controls_longText_asWriteString()
      throws IOException {
    String[] cases = {
      "",
      "?",
      "a?b",
      "\uD800",
      "a\uDC00?",
      "\uD83D\uDE00",
      "x\uD83D\uDE00?y",
      "caf\u00e9",
      "\u20ac?",
      "tab\there \"quoted\" back\\slash \u0000\u001f\u007f",
      "line\nbreak\r\n",
      "a".repeat(100_000) + "\n" + "b?".repeat(50_000),
      "\u00ff".repeat(70_000),
    };
    for (String s : cases) {
      assertThat(written(s, (json, t) -> new JsonStrings(json).write(t)))
          .as("%s", s.length() > 40 ? s.substring(0, 40) : s)
          .isEqualTo(written(s, JsonGenerator::writeString));
    }
  }

  @Example
  void aCommitsHex_isWrittenAsWriteStringWritesIt() throws IOException {
    String hex = "0123456789abcdef0123456789abcdef01234567";
    assertThat(written(hex, (json, t) -> new JsonStrings(json).writePlain(t)))
        .isEqualTo(written(hex, JsonGenerator::writeString));
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Character> ascii = Arbitraries.chars().range('\u0000', '\u007f');
    Arbitrary<Character> printable = Arbitraries.chars().range(' ', '~');
    Arbitrary<Character> any = Arbitraries.chars();
    Arbitrary<Character> special =
        Arbitraries.of('?', '"', '\\', '\n', '\t', '\u00e9', '\uD83D', '\uDE00', '\u2028');
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, printable),
            net.jqwik.api.Tuple.of(2, ascii),
            net.jqwik.api.Tuple.of(1, any),
            net.jqwik.api.Tuple.of(2, special))
        .list()
        .ofMaxSize(300)
        .map(
            cs -> {
              StringBuilder b = new StringBuilder(cs.size());
              cs.forEach(b::append);
              return b.toString();
            });
  }
}
