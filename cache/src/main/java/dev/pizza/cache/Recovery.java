package dev.pizza.cache;

import dev.pizza.RepositoryId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's root back to a clean state on open, whatever state a crash left it in (see the
 * crash states listed on {@link DiskRepoStore}). Runs while holding the root's lock, before any
 * acquire.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  static final String META_SUFFIX = ".meta";
  private static final AtomicLong TRASH_NAMES = new AtomicLong();

  private final Path repos;
  private final Path tmp;
  private final Path trash;

  Recovery(Path repos, Path tmp, Path trash) {
    this.repos = repos;
    this.tmp = tmp;
    this.trash = trash;
  }

  /**
   * Empties {@code tmp/} and {@code trash/}, removes every incomplete entry and stray file from
   * {@code repos/}, and returns the complete entries, least recently used first, each re-measured.
   */
  List<MetadataFile> recover() throws IOException {
    FileOps.emptyDirectory(tmp);
    FileOps.emptyDirectory(trash);
    Map<String, Path> dirs = new HashMap<>();
    Map<String, Path> metas = new HashMap<>();
    try (var children = Files.list(repos)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        String stem =
            name.endsWith(META_SUFFIX)
                ? name.substring(0, name.length() - META_SUFFIX.length())
                : name;
        boolean validKey = RepositoryId.isValidKey(stem);
        if (validKey
            && name.endsWith(META_SUFFIX)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          metas.put(stem, p);
        } else if (validKey
            && !name.endsWith(META_SUFFIX)
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          dirs.put(stem, p);
        } else {
          remove(p, "it is not an entry of this store");
        }
      }
    }
    List<MetadataFile> adopted = new ArrayList<>();
    Set<String> keys = new HashSet<>(dirs.keySet());
    keys.addAll(metas.keySet());
    for (String key : keys) {
      Path dir = dirs.get(key);
      Path meta = metas.get(key);
      if (meta == null) {
        if (dir != null) {
          remove(dir, "it has no metadata (a load or delete was interrupted)");
        }
        continue;
      }
      if (dir == null) {
        remove(meta, "its repository is gone (a delete was interrupted)");
        continue;
      }
      MetadataFile m;
      try {
        m = MetadataFile.decode(key, Files.readAllBytes(meta));
      } catch (IOException e) {
        remove(dir, "its metadata is unreadable: " + e.getMessage());
        remove(meta, "it is unreadable: " + e.getMessage());
        continue;
      }
      if (!FileOps.isCompleteBareRepository(dir)) {
        remove(dir, "it is not a complete bare repository (no HEAD, objects/ or refs/)");
        remove(meta, "its repository is incomplete");
        continue;
      }
      adopted.add(m.used(FileOps.sizeOf(dir), m.lastUse(), m.sequence()));
    }
    adopted.sort(Comparator.comparingLong(MetadataFile::sequence));
    if (!adopted.isEmpty() || !keys.isEmpty()) {
      LOG.debug("adopted {} of {} entries in {}", adopted.size(), keys.size(), repos);
    }
    return adopted;
  }

  /**
   * Moves {@code path} into trash (so a crash cannot leave half of it in place), then deletes it.
   */
  private void remove(Path path, String why) throws IOException {
    LOG.info("removing {} from the repository store: {}", path, why);
    Path target = trash.resolve("recovered-" + TRASH_NAMES.incrementAndGet());
    FileOps.moveAtomically(path, target);
    FileOps.deleteTree(target);
  }
}
