package dev.pizza.jgit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Counts a bare repository's objects by type, and measures its object store on disk. */
final class MirrorObjects {
  enum Type {
    COMMIT,
    TREE,
    BLOB,
    TAG
  }

  private MirrorObjects() {}

  static Map<Type, Integer> countByType(Path gitDir) throws IOException {
    Set<ObjectId> ids = new HashSet<>();
    Path objects = gitDir.resolve("objects");
    try (Stream<Path> s = Files.walk(objects)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String name = p.getFileName().toString();
        String dir = p.getParent().getFileName().toString();
        if (name.endsWith(".idx")) {
          for (PackIndex.MutableEntry e : PackIndex.open(p.toFile())) {
            ids.add(e.toObjectId());
          }
        } else if (dir.length() == 2 && name.length() == 38) {
          ids.add(ObjectId.fromString(dir + name));
        }
      }
    }
    Map<Type, Integer> out = new EnumMap<>(Type.class);
    for (Type t : Type.values()) {
      out.put(t, 0);
    }
    try (Repository r = new FileRepositoryBuilder().setGitDir(new File(gitDir.toString())).build();
        ObjectReader reader = r.newObjectReader()) {
      for (ObjectId id : ids) {
        Type t =
            switch (reader.open(id).getType()) {
              case Constants.OBJ_COMMIT -> Type.COMMIT;
              case Constants.OBJ_TREE -> Type.TREE;
              case Constants.OBJ_BLOB -> Type.BLOB;
              default -> Type.TAG;
            };
        out.merge(t, 1, Integer::sum);
      }
    }
    return out;
  }

  /** Returns the bytes of every file under the repository's {@code objects/}. */
  static long objectBytes(Path gitDir) throws IOException {
    try (Stream<Path> s = Files.walk(gitDir.resolve("objects"))) {
      long sum = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}
