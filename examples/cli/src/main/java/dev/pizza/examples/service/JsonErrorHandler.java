package dev.pizza.examples.service;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty finds before a route runs (a malformed request line, headers too large)
 * as JSON with the status's reason: no HTML page, no stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    Object attribute = request.getAttribute(ERROR_STATUS);
    if (attribute instanceof Integer i) {
      status = i;
    }
    if (status < 400) {
      status = 500;
    }
    String reason = HttpStatus.getMessage(status);
    Answer a = Answer.error(status, reason == null ? "error" : reason.toLowerCase());
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
    response.write(true, ByteBuffer.wrap(a.body()), callback);
    return true;
  }
}
