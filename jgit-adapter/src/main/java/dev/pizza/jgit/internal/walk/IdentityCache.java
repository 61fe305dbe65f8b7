package dev.pizza.jgit.internal.walk;

import dev.pizza.Identity;
import java.util.Arrays;

/**
 * Remembers the {@link Identity} decoded from the bytes {@code Name <email>} of identity lines, so
 * a history written by a few hundred people decodes each person once instead of once per commit.
 * Open addressing keyed by the bytes; cleared when full. Not thread safe.
 */
final class IdentityCache {
  private static final int SLOTS = 8192;
  private static final int LIMIT = SLOTS / 2;

  private final byte[][] keys = new byte[SLOTS][];
  private final Identity[] values = new Identity[SLOTS];
  private int size;

  /** A function from the key bytes to the identity, called on a miss. */
  interface Decoder {
    Identity decode();
  }

  Identity get(byte[] raw, int from, int to, Decoder decoder) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ raw[i]) * 0x01000193;
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    while (true) {
      byte[] k = keys[slot];
      if (k == null) {
        break;
      }
      if (Arrays.equals(k, 0, k.length, raw, from, to)) {
        Identity v = values[slot];
        if (v != null) {
          return v;
        }
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    Identity id = decoder.decode();
    if (size >= LIMIT) {
      Arrays.fill(keys, null);
      Arrays.fill(values, null);
      size = 0;
      return id;
    }
    keys[slot] = Arrays.copyOfRange(raw, from, to);
    values[slot] = id;
    size++;
    return id;
  }
}
