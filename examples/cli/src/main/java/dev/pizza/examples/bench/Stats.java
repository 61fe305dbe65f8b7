package dev.pizza.examples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The minimum, median and maximum of some measurements; NaN for all three when there are none.
 *
 * @param min the smallest
 * @param median the middle one (the mean of the two middle ones for an even count)
 * @param max the largest
 * @param count how many measurements
 */
record Stats(double min, double median, double max, int count) {

  /** Summarizes {@code values}. */
  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(sorted.get(0), median, sorted.get(n - 1), n);
  }

  /** Returns this summary with every value multiplied by {@code factor}. */
  Stats scaled(double factor) {
    return new Stats(min * factor, median * factor, max * factor, count);
  }
}
