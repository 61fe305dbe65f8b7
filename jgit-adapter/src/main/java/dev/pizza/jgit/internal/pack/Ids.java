package dev.pizza.jgit.internal.pack;

import dev.pizza.CommitId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Conversions between JGit object ids (SHA-1 only), pizza commit ids and the word form: an id as
 * big-endian ints, five for SHA-1 and eight for SHA-256 ({@link ObjectFormat#words()}).
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

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

  /**
   * Writes the id {@code hex} as words into {@code out[off..]}; returns false (writing nothing)
   * when it is not an id of {@code format}.
   */
  public static boolean toWords(String hex, ObjectFormat format, int[] out, int off) {
    if (hex.length() != format.hexLength()) {
      return false;
    }
    int[] w = new int[format.words()];
    if (!HexDigits.words(hex.getBytes(StandardCharsets.ISO_8859_1), 0, w.length, w, 0)) {
      return false; // a character that is not a hex digit
    }
    System.arraycopy(w, 0, out, off, w.length);
    return true;
  }

  /**
   * Parses the hex id of {@code format} at {@code raw[p..]} into words at {@code out[off..]}.
   *
   * @throws IOException if one of its characters is not a hex digit (a corrupt object)
   */
  public static void parseWords(byte[] raw, int p, ObjectFormat format, int[] out, int off)
      throws IOException {
    if (!HexDigits.words(raw, p, format.words(), out, off)) {
      throw new IOException(
          "bad object id " + new String(raw, p, format.hexLength(), StandardCharsets.ISO_8859_1));
    }
  }

  /** Returns the lowercase hex of the id held as {@code words} words at {@code w[off..]}. */
  public static String hex(int[] w, int off, int words) {
    // Bytes, not chars: a Latin-1 string is made from them by a copy, from chars by compressing.
    byte[] out = new byte[words * 8];
    for (int i = 0; i < words; i++) {
      int v = w[off + i];
      for (int k = 0; k < 8; k++) {
        out[i * 8 + k] = (byte) HEX[(v >>> (28 - 4 * k)) & 0xf];
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  public static ObjectId fromWords(int[] w, int off) {
    return ObjectId.fromRaw(w, off);
  }
}
