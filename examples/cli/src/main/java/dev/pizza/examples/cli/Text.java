package dev.pizza.examples.cli;

import java.time.Duration;
import java.util.Locale;

/** Formats numbers for people: durations and byte counts. */
final class Text {
  private Text() {}

  /** Returns e.g. {@code 0.12 s}, {@code 30 s}, {@code 5 min}, {@code 2 h}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 10_000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1e3);
    }
    if (ms < 120_000) {
      return (ms / 1000) + " s";
    }
    if (ms < 7_200_000) {
      return (ms / 60_000) + " min";
    }
    return (ms / 3_600_000) + " h";
  }

  /** Returns e.g. {@code 512 B}, {@code 12.3 KiB}, {@code 4.5 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String units = "KMGTPE";
    double v = n;
    int i = -1;
    while (v >= 1024 && i < units.length() - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %siB", v, units.charAt(i));
  }
}
