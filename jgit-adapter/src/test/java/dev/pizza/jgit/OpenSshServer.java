package dev.pizza.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd -D -e}) on a free loopback port, for the current
 * user only, with its own host key (made by {@link SshKeys}) and authorized keys, all in a
 * directory of the test. Git commands run through the user's shell, as on any git host reached by
 * ssh. {@link #close} stops it.
 */
final class OpenSshServer implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final Process process;
  private final int port;
  private final Path log;

  /**
   * Starts sshd with the host key {@code hostKey} (a private key file), accepting {@code
   * authorizedKeys} (public key files) for the current user.
   */
  OpenSshServer(Path dir, Path hostKey, List<Path> authorizedKeys) throws Exception {
    Files.createDirectories(dir);
    Path authorized = dir.resolve("authorized_keys");
    List<String> lines = new ArrayList<>();
    for (Path key : authorizedKeys) {
      lines.add(Files.readString(key).trim());
    }
    Files.write(authorized, lines);
    port = freePort();
    Path config = dir.resolve("sshd_config");
    Files.write(
        config,
        List.of(
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + authorized,
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes",
            "PermitRootLogin prohibit-password",
            "AllowUsers " + user(),
            "UsePAM no",
            "PidFile none",
            "LogLevel VERBOSE"));
    privilegeSeparationDirectory();
    log = dir.resolve("sshd.log");
    process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString()).start();
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  Files.writeString(
                      log,
                      line + "\n",
                      java.nio.file.StandardOpenOption.CREATE,
                      java.nio.file.StandardOpenOption.APPEND);
                  if (line.contains("Server listening on")) {
                    listening.complete(true);
                  }
                }
              } catch (IOException e) {
                // The process ended; its log says why.
              }
              listening.complete(false);
            },
            "sshd-log");
    reader.setDaemon(true);
    reader.start();
    boolean up = listening.get(30, TimeUnit.SECONDS);
    if (!up) {
      close();
    }
    assertThat(up).as("sshd started; its log: %s", Files.exists(log) ? read(log) : "").isTrue();
  }

  /** Skips the calling test when OpenSSH's server or ssh-keygen is not installed. */
  static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(SSHD) && SshKeys.installed(),
        "OpenSSH's sshd is needed (Debian: apt-get install openssh-server)");
  }

  /** Returns the name of the user the test runs as, whom sshd lets in. */
  static String user() {
    return System.getProperty("user.name");
  }

  int port() {
    return port;
  }

  /** Returns {@code ssh://user@127.0.0.1:port/<repository>}. */
  String url(Path repository) {
    return "ssh://" + user() + "@127.0.0.1:" + port + repository.toAbsolutePath();
  }

  /** Returns what sshd logged so far (for assertion messages). */
  String log() throws IOException {
    return Files.exists(log) ? read(log) : "";
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** sshd started as root wants its privilege separation directory, made at boot by systemd. */
  private static void privilegeSeparationDirectory() {
    try {
      Files.createDirectories(Path.of("/run/sshd"));
    } catch (IOException e) {
      // Not root: sshd then runs without privilege separation for this user only.
    }
  }
}
