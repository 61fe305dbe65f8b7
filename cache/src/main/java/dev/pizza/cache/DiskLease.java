package dev.pizza.cache;

import dev.pizza.RepositoryId;
import java.nio.file.Path;
import java.util.Map;

/** A {@link Lease} of a {@link DiskRepoStore} entry. */
final class DiskLease implements Lease {
  private final StoreEngine store;
  private final RepositoryId repository;
  private final EntryState entry;
  private final Path directory;
  private final boolean loaded;
  private final Map<String, String> attributes;
  private boolean invalidated;
  private boolean closed;

  DiskLease(
      StoreEngine store,
      RepositoryId repository,
      EntryState entry,
      Path directory,
      boolean loaded,
      Map<String, String> attributes) {
    this.store = store;
    this.repository = repository;
    this.entry = entry;
    this.directory = directory;
    this.loaded = loaded;
    this.attributes = attributes;
  }

  @Override
  public RepositoryId repository() {
    return repository;
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public boolean loaded() {
    return loaded;
  }

  @Override
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public void fetched() {
    store.recordFetch();
  }

  @Override
  public void invalidate() {
    invalidated = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    store.release(entry, directory, invalidated);
  }

  @Override
  public String toString() {
    return "Lease[" + repository + (closed ? ", closed]" : "]");
  }
}
