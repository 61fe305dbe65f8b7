package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Makes SSH keys with OpenSSH's {@code ssh-keygen}, as users make theirs. */
final class SshKeys {
  private SshKeys() {}

  /** The key types users have today, as {@code ssh-keygen -t} names them. */
  static final List<String> TYPES = List.of("ed25519", "ecdsa", "rsa");

  static boolean installed() {
    try {
      Process p = new ProcessBuilder("ssh-keygen", "-?").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Makes a key pair of {@code type} at {@code file} (private) and {@code file.pub}, encrypted with
   * {@code passphrase} unless it is empty; returns the private key file.
   */
  static Path generate(Path file, String type, String passphrase) throws Exception {
    Files.createDirectories(file.getParent());
    List<String> cmd =
        new ArrayList<>(
            List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "pizza-test-" + type));
    if (type.equals("rsa")) {
      cmd.addAll(List.of("-b", "2048"));
    }
    cmd.addAll(List.of("-f", file.toString()));
    run(cmd);
    return file;
  }

  /** Returns the public key file of the private key {@code file}. */
  static Path pub(Path file) {
    return file.resolveSibling(file.getFileName() + ".pub");
  }

  /** Returns a known_hosts line for {@code [127.0.0.1]:port} with the public key of {@code key}. */
  static String knownHostsLine(int port, Path key) throws Exception {
    String[] parts = Files.readString(pub(key)).trim().split(" ");
    return "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1];
  }

  /** Hashes the host names of {@code knownHosts} in place, as {@code HashKnownHosts yes} does. */
  static void hash(Path knownHosts) throws Exception {
    run(List.of("ssh-keygen", "-H", "-f", knownHosts.toString()));
    Files.deleteIfExists(knownHosts.resolveSibling(knownHosts.getFileName() + ".old"));
  }

  static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", cmd), out).isZero();
    return out;
  }
}
