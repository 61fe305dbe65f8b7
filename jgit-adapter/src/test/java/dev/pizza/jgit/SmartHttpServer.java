package dev.pizza.jgit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

/**
 * A small smart-HTTP git server on loopback (protocol v0, stateless RPC), enough for JGit's client:
 * {@code GET /<repo>/info/refs?service=git-upload-pack} and {@code POST /<repo>/git-upload-pack},
 * each answered by JGit's {@link UploadPack}. It can demand Basic credentials, and can misbehave on
 * demand: cut the pack off halfway, answer garbage, or never answer. Over TLS ({@link #https}) with
 * a certificate the test made; and it can redirect a renamed repository ({@link #redirect}).
 */
public final class SmartHttpServer implements AutoCloseable {
  enum Mode {
    NORMAL,
    TRUNCATE_PACK,
    GARBAGE,
    STALL,
    /** Answers with native git ({@code git upload-pack --stateless-rpc}), which serves SHA-256. */
    NATIVE
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Path base;
  private volatile Mode mode = Mode.NORMAL;
  private volatile String user;
  private volatile String password;
  private volatile CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch stalled = new CountDownLatch(1);

  /** Requests received so far. */
  public final AtomicInteger requests = new AtomicInteger();

  private volatile CountDownLatch held = new CountDownLatch(0);
  private final String scheme;
  private final Map<String, String> redirects = new ConcurrentHashMap<>();

  /** Serves the repositories under {@code base} over plain HTTP on a free loopback port. */
  public SmartHttpServer(Path base) throws IOException {
    this(base, null);
  }

  /** Serves over TLS with {@code tls}'s key and certificate. */
  static SmartHttpServer https(Path base, SSLContext tls) throws IOException {
    return new SmartHttpServer(base, tls);
  }

  private SmartHttpServer(Path base, SSLContext tls) throws IOException {
    this.base = base;
    InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
      scheme = "http";
    } else {
      HttpsServer s = HttpsServer.create(loopback, 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = s;
      scheme = "https";
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Demands these Basic credentials from now on. */
  SmartHttpServer requireBasic(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  void mode(Mode mode) {
    if (this.mode == Mode.STALL && mode != Mode.STALL) {
      release.countDown();
    }
    if (mode == Mode.STALL) {
      release = new CountDownLatch(1);
    }
    this.mode = mode;
  }

  /**
   * Answers with native git from now on ({@code git upload-pack}), which serves what JGit's refuses
   * (a commit over 5 MiB), for tests in other packages.
   */
  public SmartHttpServer nativeGit() {
    mode(Mode.NATIVE);
    return this;
  }

  /** Holds every request from now on until {@link #release()}, then serves it normally. */
  public void hold() {
    held = new CountDownLatch(1);
  }

  /** Serves the requests held since {@link #hold()}, and the ones after. */
  public void release() {
    held.countDown();
  }

  /** Returns the URL of the repository {@code name} (a path under the base directory). */
  public String url(String name) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Answers requests under {@code /from} (as normalized URLs name it: no {@code .git}) with a 301
   * to the same request under {@code location} (an absolute URL prefix, such as another server's
   * {@link #url}), as a forge does for a renamed repository.
   */
  SmartHttpServer redirect(String from, String location) {
    redirects.put("/" + from, location);
    return this;
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      try {
        held.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (user != null && !authorized(ex)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"pizza-test\"");
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String asked = ex.getRequestURI().getPath();
      for (Map.Entry<String, String> r : redirects.entrySet()) {
        if (asked.startsWith(r.getKey() + "/")) {
          String q = ex.getRequestURI().getRawQuery();
          ex.getResponseHeaders()
              .add(
                  "Location",
                  r.getValue() + asked.substring(r.getKey().length()) + (q == null ? "" : "?" + q));
          ex.sendResponseHeaders(301, -1);
          return;
        }
      }
      Mode m = mode;
      if (m == Mode.STALL) {
        stalled.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (m == Mode.GARBAGE) {
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        ex.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-advertisement");
        ex.sendResponseHeaders(200, junk.length);
        ex.getResponseBody().write(junk);
        return;
      }
      if (m == Mode.NATIVE) {
        nativeGit(ex, path);
        return;
      }
      if (path.endsWith("/info/refs") && "GET".equals(ex.getRequestMethod())) {
        advertise(ex, path.substring(0, path.length() - "/info/refs".length()));
      } else if (path.endsWith("/git-upload-pack") && "POST".equals(ex.getRequestMethod())) {
        uploadPack(ex, path.substring(0, path.length() - "/git-upload-pack".length()), m);
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    }
  }

  private boolean authorized(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return expected.equals(h);
  }

  private Repository open(String name) throws IOException {
    File dir =
        RepositoryCache.FileKey.resolve(new File(base.toFile(), name.substring(1)), FS.DETECTED);
    if (dir == null) {
      return null;
    }
    return RepositoryCache.FileKey.exact(dir, FS.DETECTED).open(true);
  }

  private void advertise(HttpExchange ex, String name) throws IOException {
    if (!"git-upload-pack".equals(query(ex, "service"))) {
      ex.sendResponseHeaders(403, -1);
      return;
    }
    try (Repository repo = open(name)) {
      if (repo == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      PacketLineOut out = new PacketLineOut(buf);
      out.writeString("# service=git-upload-pack\n");
      out.end();
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(false);
      up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
      send(ex, "application/x-git-upload-pack-advertisement", buf.toByteArray(), Mode.NORMAL);
    }
  }

  private void uploadPack(HttpExchange ex, String name, Mode m) throws IOException {
    try (Repository repo = open(name)) {
      if (repo == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      InputStream in = ex.getRequestBody();
      if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      UploadPack up = new UploadPack(repo);
      up.setBiDirectionalPipe(false);
      up.upload(in, buf, null);
      send(ex, "application/x-git-upload-pack-result", buf.toByteArray(), m);
    }
  }

  /** Answers {@code path} with native git's upload-pack, as {@code git http-backend} would. */
  private void nativeGit(HttpExchange ex, String path) throws IOException {
    boolean advertise = path.endsWith("/info/refs") && "GET".equals(ex.getRequestMethod());
    boolean upload = path.endsWith("/git-upload-pack") && "POST".equals(ex.getRequestMethod());
    if (!advertise && !upload) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    String name =
        path.substring(1, path.lastIndexOf(advertise ? "/info/refs" : "/git-upload-pack"));
    ProcessBuilder pb =
        advertise
            ? new ProcessBuilder("git", "upload-pack", "--stateless-rpc", "--advertise-refs", name)
            : new ProcessBuilder("git", "upload-pack", "--stateless-rpc", name);
    pb.directory(base.toFile());
    byte[] request = new byte[0];
    if (upload) {
      InputStream in = ex.getRequestBody();
      if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      request = in.readAllBytes();
    }
    String protocol = ex.getRequestHeaders().getFirst("Git-Protocol");
    if (protocol == null
        && new String(request, StandardCharsets.ISO_8859_1).startsWith("command=", 4)) {
      protocol = "version=2"; // a protocol v2 request whose POST does not repeat the header
    }
    if (protocol != null) {
      pb.environment().put("GIT_PROTOCOL", protocol);
    }
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(request);
    }
    byte[] answer = p.getInputStream().readAllBytes();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    if (advertise && (protocol == null || !protocol.contains("version=2"))) {
      PacketLineOut out = new PacketLineOut(buf);
      out.writeString("# service=git-upload-pack\n");
      out.end();
    }
    buf.write(answer);
    send(
        ex,
        advertise
            ? "application/x-git-upload-pack-advertisement"
            : "application/x-git-upload-pack-result",
        buf.toByteArray(),
        Mode.NORMAL);
  }

  /** Sends {@code body}; when truncating, announces it whole and drops the connection halfway. */
  private static void send(HttpExchange ex, String type, byte[] body, Mode m) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, body.length);
    OutputStream out = ex.getResponseBody();
    if (m == Mode.TRUNCATE_PACK) {
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new IOException("test server: connection dropped halfway through the pack");
    }
    out.write(body);
  }

  private static String query(HttpExchange ex, String key) {
    String q = ex.getRequestURI().getQuery();
    if (q == null) {
      return null;
    }
    for (String kv : q.split("&")) {
      if (kv.startsWith(key + "=")) {
        return kv.substring(key.length() + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    held.countDown();
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
