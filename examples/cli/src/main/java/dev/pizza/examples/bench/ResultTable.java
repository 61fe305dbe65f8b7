package dev.pizza.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats the benchmark's rows as a fixed-width text table with min, median, max and a note. */
final class ResultTable {
  private final List<String> lines = new ArrayList<>();

  ResultTable() {
    lines.add(
        String.format(
            Locale.ROOT,
            "%-44s %-6s %10s %10s %10s  %s",
            "row",
            "unit",
            "min",
            "median",
            "max",
            "note"));
    lines.add("-".repeat(100));
  }

  /** Adds a row; {@code note} may be empty. A row with no measurements shows n/a. */
  ResultTable row(String name, String unit, Stats stats, String note) {
    lines.add(
        String.format(
            Locale.ROOT,
            "%-44s %-6s %10s %10s %10s  %s",
            name,
            unit,
            format(stats.min()),
            format(stats.median()),
            format(stats.max()),
            note));
    return this;
  }

  /** Returns {@code numerator / denominator} with two decimals, or n/a. */
  static String ratio(double numerator, double denominator) {
    if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", numerator / denominator);
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  @Override
  public String toString() {
    return String.join("\n", lines);
  }
}
