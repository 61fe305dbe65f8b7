package dev.pizza.jgit.internal.pack;

import dev.pizza.CommitId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/** Conversions between JGit object ids, pizza commit ids and the five-word form. */
public final class Ids {
  private Ids() {}

  public static CommitId commitId(AnyObjectId id) {
    return new CommitId(id.name());
  }

  public static ObjectId objectId(CommitId id) {
    return ObjectId.fromString(id.hex());
  }

  /** Writes {@code id} as five big-endian words into {@code out[off..off+4]}. */
  public static void toWords(AnyObjectId id, int[] out, int off) {
    byte[] raw = new byte[20];
    id.copyRawTo(raw, 0);
    for (int i = 0; i < 5; i++) {
      int o = i * 4;
      out[off + i] =
          (raw[o] & 0xff) << 24
              | (raw[o + 1] & 0xff) << 16
              | (raw[o + 2] & 0xff) << 8
              | (raw[o + 3] & 0xff);
    }
  }

  public static ObjectId fromWords(int[] w, int off) {
    return ObjectId.fromRaw(w, off);
  }
}
