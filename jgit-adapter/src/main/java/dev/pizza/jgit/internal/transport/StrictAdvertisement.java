package dev.pizza.jgit.internal.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * Strictness about the server's first answer over HTTP: the ref advertisement ({@code GET
 * .../info/refs?service=git-upload-pack}) must come as smart HTTP and whole. Applied by {@link
 * HttpConnections} to every connection a transfer opens.
 *
 * <p>Why: when a connection is cut inside the answer's headers, the JDK keeps what arrived and
 * JGit, seeing no smart content type, falls back to the dumb protocol, whose cut answer reads as a
 * repository without refs: a clone "succeeds" empty and a fetch prunes every ref of the mirror. So
 * an advertisement answered with status 200 but without the smart content type is refused (pizza
 * speaks smart HTTP only, as every git host does), and one that ends before its {@code
 * Content-Length} is a broken transfer, not a short list of refs.
 */
final class StrictAdvertisement {
  private static final String ADVERTISEMENT = "application/x-git-upload-pack-advertisement";

  private StrictAdvertisement() {}

  /** Returns {@code in}, the body of {@code c}'s answer, checked as the rules above say. */
  static InputStream check(HttpConnection c, InputStream in) throws IOException {
    if (!isAdvertisementRequest(c.getURL()) || c.getResponseCode() != HttpConnection.HTTP_OK) {
      return in;
    }
    String type = c.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(ADVERTISEMENT)) {
      in.close();
      throw new IOException(
          "the answer to the ref advertisement is not smart HTTP (cut short inside its"
              + " headers, or a dumb server, which pizza does not read)");
    }
    return new Whole(in, c.getContentLength());
  }

  private static boolean isAdvertisementRequest(URL u) {
    String query = u.getQuery();
    return u.getPath().endsWith("/info/refs")
        && query != null
        && query.contains("service=git-upload-pack");
  }

  /** Fails instead of ending when fewer bytes than announced arrived. */
  private static final class Whole extends FilterInputStream {
    private final long expected;
    private long seen;

    Whole(InputStream in, long expected) {
      super(in);
      this.expected = expected;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b < 0) {
        checkComplete();
      } else {
        seen++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n < 0) {
        checkComplete();
      } else {
        seen += n;
      }
      return n;
    }

    private void checkComplete() throws IOException {
      if (expected >= 0 && seen < expected) {
        throw new IOException(
            "the ref advertisement was cut short: " + seen + " of " + expected + " bytes");
      }
    }
  }
}
