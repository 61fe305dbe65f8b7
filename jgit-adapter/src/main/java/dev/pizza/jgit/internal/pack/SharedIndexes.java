package dev.pizza.jgit.internal.pack;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pack indexes open in this JVM, one {@link PackIndex} per index file, shared by every {@link
 * MappedObjects} that opens it while another still holds it. A line-stats bake opens three sources
 * of one repository (the walk's, the tree stage's and the blob stage's), each on a thread of its
 * own; each had its own index, so each built its own heap table of first words and offsets (8 bytes
 * per object: 4.8 MB for the synthetic 100k-commit history's 596k objects) and three copies of it
 * competed for the processors' shared cache with the objects themselves. Shared, the table is built
 * once (by the walk, which starts first) and the three threads' lookups read the same lines.
 *
 * <p>A file is known by its identity (device and inode where the file system gives one, else its
 * real path), size and modification time, so a pack index replaced under the same name is opened
 * anew. Indexes are held weakly: one no source refers to any more is left to the collector, which
 * unmaps it. {@link PackIndex} is thread safe once opened. Thread safe.
 */
final class SharedIndexes {
  private SharedIndexes() {}

  private record Key(Object file, long size, long modified, ObjectFormat format) {}

  private static final Map<Key, WeakReference<PackIndex>> OPEN = new HashMap<>();

  /** The index of {@code idxFile} in {@code format}: one open already, or a new one. */
  static PackIndex open(Path idxFile, ObjectFormat format) throws IOException {
    BasicFileAttributes a = Files.readAttributes(idxFile, BasicFileAttributes.class);
    Object file = a.fileKey() != null ? a.fileKey() : idxFile.toRealPath();
    Key key = new Key(file, a.size(), a.lastModifiedTime().toMillis(), format);
    synchronized (OPEN) {
      OPEN.values().removeIf(r -> r.get() == null);
      PackIndex open = held(key);
      if (open != null) {
        return open;
      }
    }
    PackIndex index = PackIndex.open(idxFile, format); // outside the lock: maps the file
    synchronized (OPEN) {
      PackIndex raced = held(key);
      if (raced != null) {
        return raced;
      }
      OPEN.put(key, new WeakReference<>(index));
      return index;
    }
  }

  private static @Nullable PackIndex held(Key key) {
    WeakReference<PackIndex> r = OPEN.get(key);
    return r == null ? null : r.get();
  }
}
