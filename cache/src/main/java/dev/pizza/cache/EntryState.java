package dev.pizza.cache;

/**
 * The in-memory state of one entry on disk. Guarded by the store's lock: every field is read and
 * written only while holding it.
 */
final class EntryState {
  /** What is (or is about to be) written in the entry's metadata file. */
  MetadataFile metadata;

  /** How many leases are open on it. */
  int leases;

  /** Invalidated: deleted when the last lease closes; acquires wait for that. */
  boolean doomed;

  /** The stamp of the measurement its recorded size comes from (see StoreEngine#release). */
  long measuredAt;

  EntryState(MetadataFile metadata, int leases) {
    this.metadata = metadata;
    this.leases = leases;
  }

  String key() {
    return metadata.key();
  }

  long bytes() {
    return metadata.bytes();
  }
}
