package dev.pizza.examples.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP answer: status, content type, body and extra headers. Every error answer is JSON {@code
 * {"message": ...}}, with a message written for the caller.
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String JSON_TYPE = "application/json";

  Answer {
    headers = Map.copyOf(headers);
  }

  static Answer json(int status, JsonNode body) {
    try {
      return new Answer(status, JSON_TYPE, JSON.writeValueAsBytes(body), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static Answer text(int status, String contentType, String body) {
    return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Answer error(int status, String message) {
    return json(status, object().put("message", message));
  }

  static Answer refused(RefusedRequestException e) {
    Answer a = error(e.status(), String.valueOf(e.getMessage()));
    return e.retryAfterSeconds() > 0
        ? a.withHeader("Retry-After", Long.toString(e.retryAfterSeconds()))
        : a;
  }

  static Answer methodNotAllowed(String allowed) {
    return error(405, "method not allowed; use " + allowed).withHeader("Allow", allowed);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  Answer withHeader(String name, String value) {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put(name, value);
    return new Answer(status, contentType, body, h);
  }
}
