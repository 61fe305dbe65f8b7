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

  /** The hash of no bytes (FNV-1a's offset basis). */
  static final int HASH_START = 0x811c9dc5;

  /** Returns {@code hash} extended by the byte {@code b} (FNV-1a). */
  static int hash(int hash, byte b) {
    return (hash ^ b) * 0x01000193;
  }

  /**
   * Returns the identity of the ident line at {@code raw[at..]}, whose {@code <} is at {@code lt}
   * and {@code >} at {@code gt}: remembered if the bytes {@code raw[at..gt]} were seen, else read
   * by {@link IdentLine#identity}. {@code hash} is that of those bytes (see {@link #hash}), which
   * the caller computed while looking for {@code >}.
   */
  Identity get(byte[] raw, int at, int lt, int gt, int hash) {
    int from = at;
    int to = gt + 1;
    int h = hash;
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
    Identity id = IdentLine.identity(raw, at, lt, gt);
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
