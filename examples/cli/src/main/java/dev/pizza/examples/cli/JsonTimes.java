package dev.pizza.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pizza.Signature;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the time of a {@link Signature} as a JSON string in ISO-8601 at its recorded offset, as
 * {@link #TIME} formats it ({@code 2024-05-01T12:00:00+02:00}; {@code +00:00} for UTC), for {@link
 * CommitJsonWriter}. Years 0000 to 9999 are formatted by hand into one buffer: the date only when
 * the day changed, nothing new when the time is the one written last (a committer's time is most
 * often the author's). Not thread safe.
 */
final class JsonTimes {
  /**
   * ISO-8601 with the offset always as digits: {@code +00:00}, not {@code Z}, as git records it.
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  /** The last local second {@link #write} formats by hand: {@code 9999-12-31T23:59:59}. */
  private static final long LAST_LOCAL_SECOND = 253_402_300_799L;

  /** Two decimal digits for each value 0 to 99: {@code "00", "01", ... "99"}. */
  private static final char[] TWO_DIGITS = twoDigits();

  /** The last time written, {@code uuuu-MM-ddTHH:mm:ss+hh:mm}, for {@link #lastLocal}. */
  private final char[] time = new char[25];

  /** The local second and offset {@link #time} holds; the local day its date holds. */
  private long lastLocal = Long.MIN_VALUE;

  private int lastOffset;
  private long lastDay = Long.MIN_VALUE;

  /** Writes the time of {@code s} to {@code json} as a string value. */
  void write(JsonGenerator json, Signature s) throws IOException {
    int seconds = s.offset().getTotalSeconds();
    long local = s.instant().getEpochSecond() + seconds;
    if (local < -62_167_219_200L // 0000-01-01T00:00:00
        || local > LAST_LOCAL_SECOND
        || seconds % 60 != 0) { // an offset with seconds (never from git): as the formatter has it
      json.writeString(TIME.format(s.time()));
      return;
    }
    char[] c = time;
    if (local != lastLocal || seconds != lastOffset) {
      long day = Math.floorDiv(local, 86_400L);
      if (day != lastDay) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        twoDigits(c, 0, year / 100);
        twoDigits(c, 2, year % 100);
        c[4] = '-';
        twoDigits(c, 5, date.getMonthValue());
        c[7] = '-';
        twoDigits(c, 8, date.getDayOfMonth());
        c[10] = 'T';
        lastDay = day;
      }
      int second = (int) (local - day * 86_400L);
      twoDigits(c, 11, second / 3600);
      c[13] = ':';
      twoDigits(c, 14, second / 60 % 60);
      c[16] = ':';
      twoDigits(c, 17, second % 60);
      c[19] = seconds < 0 ? '-' : '+';
      int minutes = Math.abs(seconds) / 60;
      twoDigits(c, 20, minutes / 60);
      c[22] = ':';
      twoDigits(c, 23, minutes % 60);
      lastLocal = local;
      lastOffset = seconds;
    }
    json.writeString(c, 0, c.length);
  }

  private static void twoDigits(char[] c, int at, int value) {
    c[at] = TWO_DIGITS[value * 2];
    c[at + 1] = TWO_DIGITS[value * 2 + 1];
  }

  private static char[] twoDigits() {
    char[] c = new char[200];
    for (int i = 0; i < 100; i++) {
      c[i * 2] = (char) ('0' + i / 10);
      c[i * 2 + 1] = (char) ('0' + i % 10);
    }
    return c;
  }
}
