package dev.pizza.jgit.internal.pack;

import java.io.IOException;

/**
 * Raw objects of one repository, addressed by position: a small int naming one object for the life
 * of this source. The commit walk keeps positions (4 bytes) and a bit per position instead of ids
 * and objects. Not thread safe: open one per walk.
 */
public interface ObjectSource extends AutoCloseable {

  /** The repository's object format: how long its ids are. */
  ObjectFormat format();

  /**
   * Returns the position of the id held as {@link ObjectFormat#words()} big-endian words at {@code
   * w[off..]}, or -1 if the repository does not have that object.
   */
  int locate(int[] w, int off) throws IOException;

  /** Writes the id of the object at {@code position} as words into {@code out[off..]}. */
  void words(int position, int[] out, int off) throws IOException;

  /**
   * A hint: the objects whose ids are {@code count} runs of {@link ObjectFormat#words()} words in
   * {@code ids}, from 0, are about to be located and read, so a source may read ahead the memory
   * that will take (see {@link MappedObjects#warm}). Changes nothing a caller can see; the default
   * does nothing.
   */
  default void warm(int[] ids, int count) {}

  /** Returns the id of the object at {@code position}, as lowercase hex. */
  default String name(int position) throws IOException {
    int[] w = new int[ObjectFormat.MAX_WORDS];
    words(position, w, 0);
    return Ids.hex(w, 0, format().words());
  }

  /**
   * Returns the inflated content of the object at {@code position}. The array of a tree or blob may
   * be shared with the source's cache: callers read it and never modify it.
   *
   * @throws IOException if it is not of {@code type} ({@link WrongTypeException} from the mapped
   *     reader, JGit's {@code IncorrectObjectTypeException} from JGit's)
   */
  byte[] read(int position, int type) throws IOException;

  /**
   * Reads the content of the object at {@code position} into an array that {@code into} gives, from
   * index 0, and returns its length: {@code into} is asked once, for that length, and may give a
   * longer array. A reader that reuses its arrays so spares the allocation of a new one per object
   * (in a JVM with only C1's code, a new array of 2 KB cost about four times as much as copying 2
   * KB into one that is cached). Unlike {@link #read(int, int)}'s, the array is the caller's. This
   * default copies what {@link #read(int, int)} returns; throws like it.
   */
  default int read(int position, int type, Buffers into) throws IOException {
    byte[] data = read(position, type);
    System.arraycopy(data, 0, into.take(data.length), 0, data.length);
    return data.length;
  }

  /** Gives the arrays {@link #read(int, int, Buffers)} reads into. */
  @FunctionalInterface
  interface Buffers {
    /** An array of at least {@code length} bytes, whose contents may be overwritten. */
    byte[] take(int length);
  }

  /**
   * Returns the first {@code max} bytes of the object at {@code position}, or more (up to all of
   * it), for readers that need only its first lines; throws like {@link #read}.
   */
  default byte[] readHead(int position, int type, int max) throws IOException {
    return read(position, type);
  }

  /**
   * {@link #read(int, int, Buffers)} of an object at most {@code max} bytes long; of a longer one,
   * only its first {@code head} bytes (all of it if shorter) are read, into an array {@code into}
   * gives for their number, so that a reader who needs no more of a large object than its size and
   * first bytes (a blob beyond the line-stats cut-off) never holds it. Returns the object's size:
   * more than {@code max} when only those first bytes were read. This default reads it whole;
   * throws like {@link #read}.
   */
  default long readAtMost(int position, int type, int max, int head, Buffers into)
      throws IOException {
    return read(position, type, into);
  }

  /**
   * The type code ({@code Constants.OBJ_*}) of the object at {@code position}, reading as little of
   * it as the source can: the mapped reader reads headers alone. This default reads it whole.
   */
  default int type(int position) throws IOException {
    return readAny(position).type();
  }

  /** The object is not of the type asked for. */
  final class WrongTypeException extends IOException {
    private static final long serialVersionUID = 1L;

    WrongTypeException(String id, int type) {
      super("object " + id + " is not a " + org.eclipse.jgit.lib.Constants.typeString(type));
    }
  }

  /**
   * Returns the content of the object at {@code position}, whatever its type, with the type; not to
   * be modified, as for {@link #read}.
   */
  Typed readAny(int position) throws IOException;

  /** An object's type code ({@code Constants.OBJ_*}) and content. */
  record Typed(int type, byte[] data) {}

  /** Returns an upper bound of the positions handed out so far, for sizing bit sets. */
  int positionBound();

  @Override
  void close();
}
