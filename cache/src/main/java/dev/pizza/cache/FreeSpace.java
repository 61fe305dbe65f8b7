package dev.pizza.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the free space of the file system that holds the store; injectable so that tests can
 * simulate a file system of any size.
 */
@FunctionalInterface
interface FreeSpace {

  /** Returns the bytes available to this process on the file system holding {@code root}. */
  long bytesFree(Path root) throws IOException;

  /** Returns the real reading: {@link java.nio.file.FileStore#getUsableSpace()}. */
  static FreeSpace fileSystem() {
    return root -> Files.getFileStore(root).getUsableSpace();
  }
}
