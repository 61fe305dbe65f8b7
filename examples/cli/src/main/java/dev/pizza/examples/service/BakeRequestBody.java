package dev.pizza.examples.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /bake}: the original's {@code {"url": "...", "wait": false}}, or {@code
 * {"urls": [...]}} (both may be given). Fields of other names are ignored, as the original's
 * decoder did; a known field of the wrong type is refused.
 *
 * @param urls the URLs as given, at least one
 * @param waitForResult whether to answer only when the bakes ended
 */
record BakeRequestBody(List<String> urls, boolean waitForResult) {
  /** The most URLs one request may name. */
  static final int MAX_URLS = 100;

  /**
   * Parses the body.
   *
   * @throws RefusedRequestException (400) for bad JSON or a field of the wrong type
   */
  static BakeRequestBody parse(byte[] body) throws RefusedRequestException {
    JsonNode root;
    try {
      root = Answer.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw bad("the body is not valid JSON");
    } catch (java.io.IOException e) {
      throw bad("the body cannot be read");
    }
    if (root == null || !root.isObject()) {
      throw bad("the body must be a JSON object such as {\"url\": \"https://...\"}");
    }
    List<String> urls = new ArrayList<>();
    JsonNode url = root.get("url");
    if (url != null && !url.isNull()) {
      if (!url.isTextual()) {
        throw bad("\"url\" must be a string");
      }
      urls.add(url.asText());
    }
    JsonNode many = root.get("urls");
    if (many != null && !many.isNull()) {
      if (!many.isArray()) {
        throw bad("\"urls\" must be an array of strings");
      }
      for (JsonNode u : many) {
        if (!u.isTextual()) {
          throw bad("\"urls\" must be an array of strings");
        }
        urls.add(u.asText());
      }
    }
    if (urls.isEmpty()) {
      throw bad("a \"url\" (or \"urls\") is required");
    }
    if (urls.size() > MAX_URLS) {
      throw bad("at most " + MAX_URLS + " URLs per request");
    }
    JsonNode wait = root.get("wait");
    if (wait != null && !wait.isNull() && !wait.isBoolean()) {
      throw bad("\"wait\" must be true or false");
    }
    return new BakeRequestBody(urls, wait != null && wait.asBoolean());
  }

  private static RefusedRequestException bad(String message) {
    return new RefusedRequestException(400, message);
  }
}
