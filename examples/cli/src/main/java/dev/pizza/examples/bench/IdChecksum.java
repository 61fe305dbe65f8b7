package dev.pizza.examples.bench;

/**
 * An order-independent checksum of a set of commit ids: the XOR of each id's first 64 bits. Two
 * deliveries of the same set give the same value whatever the order; with the count it detects a
 * missing, extra or substituted id (a duplicated id cancels out, which the count catches).
 */
public final class IdChecksum {
  private long value;
  private long count;

  /** Adds the id written as hexadecimal (at least 16 digits). */
  public void add(CharSequence hex) {
    value ^= Long.parseUnsignedLong(hex, 0, 16, 16);
    count++;
  }

  /** Returns the checksum so far. */
  public long value() {
    return value;
  }

  /** Returns how many ids were added. */
  public long count() {
    return count;
  }

  /** Returns the checksum as 16 hexadecimal digits. */
  public String hex() {
    return String.format("%016x", value);
  }

  /** Returns the checksum of the ids in {@code text}, one per line (as {@code git rev-list}). */
  public static IdChecksum ofLines(String text) {
    IdChecksum sum = new IdChecksum();
    text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(sum::add);
    return sum;
  }
}
