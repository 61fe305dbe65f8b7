package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Raw objects of one repository, addressed by position: a small int naming one object for the life
 * of this source. The commit walk keeps positions (4 bytes) and a bit per position instead of ids
 * and objects. Not thread safe: open one per walk.
 */
public interface ObjectSource extends AutoCloseable {

  /**
   * Returns the position of the id held as five big-endian words at {@code w[off..off+4]}, or -1 if
   * the repository does not have that object.
   */
  int locate(int[] w, int off) throws IOException;

  /** Returns the id of the object at {@code position}. */
  ObjectId id(int position) throws IOException;

  /**
   * Returns the inflated content of the object at {@code position}.
   *
   * @throws org.eclipse.jgit.errors.IncorrectObjectTypeException if it is not of {@code type}
   */
  byte[] read(int position, int type) throws IOException;

  /**
   * Returns the first {@code max} bytes of the object at {@code position} (or more, up to all of
   * it), for readers that need only its first lines.
   *
   * @throws org.eclipse.jgit.errors.IncorrectObjectTypeException if it is not of {@code type}
   */
  default byte[] readHead(int position, int type, int max) throws IOException {
    return read(position, type);
  }

  /** Returns the content of the object at {@code position}, whatever its type, with the type. */
  Typed readAny(int position) throws IOException;

  /** An object's type code ({@code Constants.OBJ_*}) and content. */
  record Typed(int type, byte[] data) {}

  /** Returns an upper bound of the positions handed out so far, for sizing bit sets. */
  int positionBound();

  @Override
  void close();
}
