package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.InflaterInputStream;
import org.eclipse.jgit.lib.Constants;

/**
 * Reads a loose object ({@code objects/xx/...}: a zlib stream of a {@code "type size\0"} header and
 * the content) for {@link MappedObjects}, inflating no more than the caller needs: the header alone
 * for its type, the first bytes of a large one.
 */
final class LooseObject {
  private LooseObject() {}

  /**
   * Reads the loose object {@code id} in {@code file}, of {@code type}, into an array {@code into}
   * gives: all of it if it is at most {@code max} bytes, else its first {@code head} bytes, the
   * rest never inflated; returns its size. Read whole, its content may not run past that size.
   *
   * @throws ObjectSource.WrongTypeException if it is of another type
   */
  static long read(Path file, String id, int type, int max, int head, ObjectSource.Buffers into)
      throws IOException {
    try (InputStream in = new InflaterInputStream(Files.newInputStream(file))) {
      Header h = header(in, id);
      if (h.type() != type) {
        throw new ObjectSource.WrongTypeException(id, type);
      }
      long size = h.size();
      if (size > Files.size(file) * ObjectHeader.MAX_INFLATION) {
        // refused before an array of that size is asked for, as a packed object's is
        throw new IOException("corrupt loose object " + id + ": " + size + " bytes declared");
      }
      int n = (int) (size > max ? Math.min(size, head) : size);
      if (in.readNBytes(into.take(n), 0, n) != n) {
        throw new IOException("truncated loose object " + id);
      }
      if (n == size && in.read() >= 0) {
        // as git refuses it, and a packed object's longer data (PackInflater)
        throw new IOException("loose object " + id + " longer than its size");
      }
      return size;
    } catch (NoSuchFileException e) {
      throw new IOException("loose object " + id + " vanished", e);
    }
  }

  /** The type of the loose object {@code id} in {@code file}, from its header alone. */
  static int type(Path file, String id) throws IOException {
    try (InputStream in = new InflaterInputStream(Files.newInputStream(file))) {
      return header(in, id).type();
    } catch (NoSuchFileException e) {
      throw new IOException("loose object " + id + " vanished", e);
    }
  }

  /** A loose object's type code and size. */
  private record Header(int type, long size) {}

  private static Header header(InputStream in, String id) throws IOException {
    StringBuilder header = new StringBuilder();
    for (int c = in.read(); c != 0; c = in.read()) {
      if (c < 0 || header.length() > 32) {
        throw new IOException("corrupt loose object " + id);
      }
      header.append((char) c);
    }
    int space = header.indexOf(" ");
    int type =
        switch (space < 0 ? "" : header.substring(0, space)) {
          case "commit" -> Constants.OBJ_COMMIT;
          case "tree" -> Constants.OBJ_TREE;
          case "blob" -> Constants.OBJ_BLOB;
          case "tag" -> Constants.OBJ_TAG;
          default -> throw new IOException("loose object of unknown type: " + id);
        };
    try {
      int size = Integer.parseInt(header.substring(space + 1));
      if (size < 0) {
        throw new IOException("corrupt loose object " + id);
      }
      return new Header(type, size);
    } catch (NumberFormatException e) {
      throw new IOException("corrupt loose object " + id, e);
    }
  }
}
