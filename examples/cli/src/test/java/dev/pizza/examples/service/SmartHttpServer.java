package dev.pizza.examples.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FS;

/**
 * A small smart-HTTP git server on loopback (protocol v0, stateless RPC), copied from
 * jgit-adapter's test of the same name and cut to what the service's tests need: it serves the
 * repositories under a directory and can stall (hold every request) until released.
 */
final class SmartHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Path base;
  private volatile CountDownLatch release = new CountDownLatch(0);
  final AtomicInteger requests = new AtomicInteger();

  SmartHttpServer(Path base) throws IOException {
    this.base = base;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Holds every request from now on until {@link #release()}. */
  void stall() {
    release = new CountDownLatch(1);
  }

  void release() {
    release.countDown();
  }

  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      try {
        release.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path.endsWith("/info/refs") && "GET".equals(ex.getRequestMethod())) {
        advertise(ex, path.substring(0, path.length() - "/info/refs".length()));
      } else if (path.endsWith("/git-upload-pack") && "POST".equals(ex.getRequestMethod())) {
        uploadPack(ex, path.substring(0, path.length() - "/git-upload-pack".length()));
      } else {
        ex.sendResponseHeaders(404, -1);
      }
    }
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
      send(ex, "application/x-git-upload-pack-advertisement", buf.toByteArray());
    }
  }

  private void uploadPack(HttpExchange ex, String name) throws IOException {
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
      send(ex, "application/x-git-upload-pack-result", buf.toByteArray());
    }
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders().add("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
