package dev.pizza.examples.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pizza.jgit.RemoteCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Tokens per host for the service's transfers, read from a YAML file, so that callers never send
 * credentials in bake URLs:
 *
 * <pre>
 * tokens:
 *   github.com: ghp_xxx                 # user x-access-token
 *   git.example.com: {user: bot, token: s3cret}
 * </pre>
 *
 * The tokens go to JGit through {@link RemoteCredentials#perHost()} and are never logged or
 * answered.
 */
public final class HostTokens {
  /** The user presented with a token given without one (what GitHub and GitLab accept). */
  static final String DEFAULT_USER = "x-access-token";

  private HostTokens() {}

  /**
   * Reads the file's tokens.
   *
   * @throws IllegalArgumentException if it is not such a file (the message names no token)
   */
  public static RemoteCredentials read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the tokens file " + file, e);
    }
    JsonNode tokens = root == null ? null : root.get("tokens");
    if (tokens == null || !tokens.isObject()) {
      throw new IllegalArgumentException(
          "the tokens file " + file + " needs a mapping 'tokens:' of host to token");
    }
    RemoteCredentials.PerHost perHost = RemoteCredentials.perHost();
    for (Iterator<Map.Entry<String, JsonNode>> it = tokens.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        perHost.password(e.getKey(), DEFAULT_USER, v.asText());
      } else if (v.isObject() && v.path("token").isTextual()) {
        perHost.password(e.getKey(), v.path("user").asText(DEFAULT_USER), v.get("token").asText());
      } else {
        throw new IllegalArgumentException(
            "the tokens file "
                + file
                + ": the host "
                + e.getKey()
                + " needs a token or {user, token}");
      }
    }
    return perHost.build();
  }
}
