package dev.pizza.examples.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request with a body to a path that takes none (405, 404) is answered after its body is read, so
 * its connection can carry the next request: answered at once, the body arriving later made Jetty
 * close a connection whose answer had promised to keep it open, and the client's next request on it
 * read nothing (OvenServiceTest's POST /ping then DELETE /repos failed about once in a thousand).
 */
class UnreadBodyKeepAliveTest {
  @TempDir Path dir;

  @Test
  void bodyArrivingAfterTheHeaders_ofAPathTakingNone_leavesTheConnectionUsable() throws Exception {
    try (RunningService s =
            RunningService.start(dir, RunningService.sqlite(dir), OvenServiceTest.LOOPBACK);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.service.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("POST /ping HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 2\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write("{}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String first = readResponse(in);
      assertThat(first).startsWith("HTTP/1.1 405");

      out.write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String second = readResponse(in);

      assertThat(second).as("after: " + first).startsWith("HTTP/1.1 200").endsWith("pong");
    }
  }

  /** Reads one response with a Content-Length body; empty when the connection was closed. */
  private static String readResponse(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      String h = head.toString(StandardCharsets.US_ASCII);
      if (h.endsWith("\r\n\r\n")) {
        int length = 0;
        for (String line : h.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
