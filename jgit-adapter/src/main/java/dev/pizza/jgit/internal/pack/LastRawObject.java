package dev.pizza.jgit.internal.pack;

import org.jspecify.annotations.Nullable;

/**
 * A stream of records decoded from raw objects that hands out the raw object of the record it
 * returned last, so that a reader who needs more of an object than its record holds need not find
 * and inflate it again: the line statistics read a commit's tree id from it (on a 100k-commit
 * history that saved a lookup and an inflation per commit).
 */
public interface LastRawObject {

  /**
   * The raw object of the record returned last, or null if none was or the stream does not have it;
   * the stream's array, not to be modified.
   */
  byte @Nullable [] lastRaw();
}
