package dev.pizza.jgit.internal.transport;

import java.nio.file.Path;

/** Says why an SSH host key was refused and what the user can do about it. */
final class HostKeyMessages {
  private HostKeyMessages() {}

  /**
   * Returns the message for a refused host key.
   *
   * @param key the key's type and fingerprint, as {@code ssh-keygen -l} shows them
   * @param changed whether the file holds another key for the host (else it holds none)
   * @param file the known_hosts file consulted first, where a new key belongs
   */
  static String refused(String host, int port, String key, boolean changed, Path file) {
    String name = port == 22 ? host : "[" + host + "]:" + port;
    String scan = "ssh-keyscan " + (port == 22 ? "" : "-p " + port + " ") + host + " >> " + file;
    if (changed) {
      return "the SSH host key of "
          + name
          + " has changed: the server offered "
          + key
          + " but "
          + file
          + " holds another key for it. This may be an attack; if the server's key was changed"
          + " on purpose, remove the old entry with `ssh-keygen -R '"
          + name
          + "' -f "
          + file
          + "` and add the new one with `"
          + scan
          + "` (compare the fingerprint with the server's first)";
    }
    return "the SSH host key of "
        + name
        + " is unknown: the server offered "
        + key
        + ", which is not in "
        + file
        + ". Add it with `"
        + scan
        + "` (compare the fingerprint with the server's first), or accept new host keys on first"
        + " use (JGitBackendBuilder#acceptNewHostKeys)";
  }
}
