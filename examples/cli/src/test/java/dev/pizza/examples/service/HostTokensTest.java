package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pizza.RepositoryUrl;
import dev.pizza.jgit.PasswordCredentials;
import dev.pizza.jgit.RemoteCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTokensTest {
  @TempDir Path dir;

  @Test
  void tokensPerHost_goToTheirHostOnly() throws Exception {
    Path file = dir.resolve("tokens.yaml");
    Files.writeString(
        file, "tokens:\n  github.com: ghp_one\n  git.example.com: {user: bot, token: two}\n");
    RemoteCredentials c = HostTokens.read(file);
    assertThat(c.password(RepositoryUrl.parse("https://github.com/a/b")))
        .contains(new PasswordCredentials(HostTokens.DEFAULT_USER, "ghp_one"));
    assertThat(c.password(RepositoryUrl.parse("https://git.example.com/a/b")))
        .contains(new PasswordCredentials("bot", "two"));
    assertThat(c.password(RepositoryUrl.parse("https://gitlab.com/a/b"))).isEmpty();
  }

  @Test
  void aFileWithoutTokens_isRefusedWithoutEchoingIt() throws Exception {
    Path file = dir.resolve("tokens.yaml");
    Files.writeString(file, "tokens:\n  github.com: [secret-value]\n");
    assertThatThrownBy(() -> HostTokens.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-value");
  }
}
